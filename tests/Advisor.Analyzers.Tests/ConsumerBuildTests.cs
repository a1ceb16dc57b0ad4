using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// End to end: packs DeployAdvisor.Analyzers into a temporary feed, then restores and builds a copy
    /// of samples/PaymentsService against it with a private package folder and --no-incremental, as a
    /// user's build would. Only a real compiler proves that the analyzer loads (build-notes.md).
    /// </summary>
    public class ConsumerBuildTests
    {
        private readonly ITestOutputHelper _output;
        public ConsumerBuildTests(ITestOutputHelper output) { _output = output; }

        [Fact]
        [Trait("Category", "Slow")]
        public void Packed_analyzers_report_the_expected_diagnostics_in_a_real_build()
        {
            var repo = RepositoryRoot();
            var work = Path.Combine(Path.GetTempPath(), "deployadvisor-e2e-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            var feed = Path.Combine(work, "feed");
            var consumer = Path.Combine(work, "consumer");
            try
            {
                Directory.CreateDirectory(feed);
                // 1. Pack, building into an artifacts folder of our own: other test projects of the
                //    solution may build the engine at the same time, and must not meet our bin/obj.
                var pack = Run(repo, "pack", Path.Combine(repo, "src", "Advisor.Analyzers.CodeFixes", "Advisor.Analyzers.CodeFixes.csproj"),
                    "-o", feed, "--nologo", "-p:Version=0.1.0-e2e", "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + Path.Combine(work, "artifacts"));
                Assert.True(pack.ExitCode == 0, pack.Output);
                CheckPackage(Path.Combine(feed, "DeployAdvisor.Analyzers.0.1.0-e2e.nupkg"));

                // 2. A consumer: the sample, its feed pointed at ours, DA1004 raised to error in .editorconfig.
                CopyDirectory(Path.Combine(repo, "samples", "PaymentsService"), consumer);
                File.WriteAllText(Path.Combine(consumer, "nuget.config"),
                    $"<configuration><packageSources><clear /><add key=\"e2e\" value=\"{feed}\" /></packageSources></configuration>");
                File.WriteAllText(Path.Combine(consumer, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.DA1004.severity = error\n");
                // The repository's Directory.Build.props must not leak into the consumer.
                File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
                File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />");

                var build = Run(consumer, "build", "--no-incremental", "--nologo", "-p:DeployAdvisorVersion=0.1.0-e2e",
                    "-p:TreatWarningsAsErrors=false");
                _output.WriteLine(build.Output);

                // 3. Exactly the marked diagnostics, at the marked lines; DA1004 an error, so the build fails.
                var expected = ExpectedMarkers(consumer)
                    .Select(e => e.Id == "DA1004" ? (e.File, e.Line, e.Id, Severity: "error") : e)
                    .OrderBy(e => e.ToString()).ToList();
                var actual = Regex.Matches(build.Output, @"(?<file>[^\s:()]+)\((?<line>\d+),\d+\): (?<sev>error|warning) (?<id>DA\d{4})")
                    .Select(m => (File: Path.GetFileName(m.Groups["file"].Value), Line: int.Parse(m.Groups["line"].Value), Id: m.Groups["id"].Value, Severity: m.Groups["sev"].Value))
                    .Distinct().OrderBy(e => e.ToString()).ToList();
                Assert.Equal(expected, actual);
                Assert.Equal(6, expected.Count);   // DA7002 in deploy/report-worker.yaml among them: an artifact given as an additional file
                Assert.NotEqual(0, build.ExitCode);
                foreach (var bad in new[] { "AD0001", "CS8032", "CS9057", "CS8784", "CS8785" })
                    Assert.DoesNotContain(bad, build.Output);
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        private static void CheckPackage(string nupkg)
        {
            using var zip = ZipFile.OpenRead(nupkg);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            foreach (var dll in new[] { "DeployAdvisor.Analyzers.dll", "DeployAdvisor.Analyzers.CodeFixes.dll", "DeployAdvisor.Engine.dll", "YamlDotNet.dll", "System.ComponentModel.Annotations.dll" })
                Assert.Contains("analyzers/dotnet/cs/" + dll, entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
            // The build props that make DeployAdvisorDocsBaseUrl visible to the analyzer (help links).
            var props = zip.Entries.Single(e => e.FullName == "build/DeployAdvisor.Analyzers.props");
            using (var reader = new StreamReader(props.Open()))
                Assert.Contains("<CompilerVisibleProperty Include=\"DeployAdvisorDocsBaseUrl\" />", reader.ReadToEnd());
            Assert.DoesNotContain(entries, e => e.Contains("NJsonSchema") || e.Contains("Newtonsoft"));
            var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var stream = nuspecEntry.Open();
            var nuspec = XDocument.Load(stream);
            var ns = nuspec.Root!.GetDefaultNamespace();
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("DeployAdvisor.Analyzers", metadata.Element(ns + "id")!.Value);
            Assert.Equal("true", metadata.Element(ns + "developmentDependency")!.Value);
            Assert.Null(metadata.Element(ns + "dependencies"));
        }

        /// <summary>Lines marked "expect: DAxxxx severity" in the sample's C# and YAML files.</summary>
        private static IEnumerable<(string File, int Line, string Id, string Severity)> ExpectedMarkers(string dir)
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    foreach (Match m in Regex.Matches(lines[i], @"expect: (?<id>DA\d{4}) (?<sev>error|warning)"))
                        yield return (Path.GetFileName(file), i + 1, m.Groups["id"].Value, m.Groups["sev"].Value);
            }
        }

        private (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            // A private package folder: a repacked version is never taken from the global cache.
            info.Environment["NUGET_PACKAGES"] = Path.Combine(Path.GetDirectoryName(workingDirectory)!, "packages");
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            foreach (var inherited in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
                info.Environment.Remove(inherited);
            if (workingDirectory == RepositoryRoot()) info.Environment.Remove("NUGET_PACKAGES"); // pack uses the restored projects as they are
            using var process = Process.Start(info)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(300_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException("dotnet " + string.Join(" ", args)); }
            process.WaitForExit();
            lock (output) return (process.ExitCode, output.ToString());
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                var first = relative.Split(Path.DirectorySeparatorChar)[0];
                if (first == "bin" || first == "obj") continue;
                var target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        /// <summary>The repository, found by the test projects' one root finder.</summary>
        internal static string RepositoryRoot() => DeployAdvisor.Tests.Shared.TestRepository.Root;
    }
}
