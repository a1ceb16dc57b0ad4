using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    /// <summary>
    /// Mutated fixture files must never reach the scanner's last line of defence (an exception turned
    /// into "could not be read"): every reader handles broken input itself, with a located finding or silence.
    /// </summary>
    public class ArtifactRobustnessTests
    {
        private static readonly string[] Inserts = { "\n", ":", "[", "{", "}", "]", "- ", "  ", "\\", "`", "$", "${", "<<", "*a", "&a ", "\"", "'", "<", ">", "/>", "&", "#", "\t", "\0", "\uFFFF", "\u00e9", "{{" };

        private static IEnumerable<(string Path, byte[] Bytes)> FixtureFiles()
        {
            var root = Path.Combine(DeployAdvisor.Tests.Shared.TestRepository.Root, "tests", "Advisor.Engine.Tests", "Artifacts", "fixtures", "shop");
            return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllBytes(p)));
        }

        [Fact]
        public void Mutated_fixture_files_never_throw_inside_a_reader()
        {
            var random = new Random(20);
            var files = FixtureFiles().ToList();
            int scans = 0;
            foreach (var (path, bytes) in files)
            {
                var text = Encoding.UTF8.GetString(bytes);
                for (int round = 0; round < 30; round++)
                {
                    string mutated;
                    switch (round % 3)
                    {
                        case 0: mutated = text.Substring(0, random.Next(text.Length + 1)); break;
                        case 1:
                        {
                            int at = random.Next(text.Length + 1);
                            mutated = text.Insert(at, Inserts[random.Next(Inserts.Length)]);
                            break;
                        }
                        default:
                        {
                            int at = random.Next(Math.Max(1, text.Length));
                            int length = Math.Min(text.Length - at, random.Next(1, 20));
                            mutated = length > 0 ? text.Remove(at, length) : text;
                            break;
                        }
                    }
                    var input = files.Select(f => f.Path == path ? new ArtifactFile(f.Path, Encoding.UTF8.GetBytes(mutated)) : new ArtifactFile(f.Path, f.Bytes)).ToList();
                    var result = ArtifactScanner.Scan(input);
                    scans++;
                    var crash = result.Findings.FirstOrDefault(f => f.Message.Contains("could not be read"));
                    Assert.True(crash is null, $"{path} round {round}: {crash}\n---\n{mutated}");
                    Assert.All(result.Findings, f => Assert.True(f.Location != null && f.Location.File != null && f.Location.Span.Line >= 1));
                    Assert.All(result.Workloads, w => Assert.Matches("^[a-z0-9-]{1,63}$", w.Name));
                }
            }
            Assert.True(scans > 400);
        }

        [Fact]
        public void Random_bytes_under_every_file_name_never_throw()
        {
            var random = new Random(7);
            var names = new[] { "Dockerfile", "compose.yaml", "k.yaml", "A.csproj", "Directory.Build.props", "compose.override.yaml" };
            for (int round = 0; round < 200; round++)
            {
                var files = names.Select(n =>
                {
                    var b = new byte[random.Next(0, 200)];
                    random.NextBytes(b);
                    return new ArtifactFile(n, b);
                }).ToList();
                var result = ArtifactScanner.Scan(files);
                Assert.DoesNotContain(result.Findings, f => f.Message.Contains("could not be read"));
            }
        }
    }
}
