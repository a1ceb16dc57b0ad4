using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// Offline reference assemblies: the SDK's own Microsoft.NETCore.App.Ref pack (the testing
    /// library's ReferenceAssemblies.Net.Net90/Net100 are not served here; build-notes.md).
    /// </summary>
    public static class NetReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> All = new Lazy<ImmutableArray<MetadataReference>>(Load);

        public static ImmutableArray<MetadataReference> References => All.Value;

        public static string RefPackDirectory()
        {
            // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
            var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            if (Directory.Exists(packs))
            {
                var major = Environment.Version.Major;
                var dir = Directory.GetDirectories(packs)
                    .Where(d => Path.GetFileName(d).StartsWith(major + ".", StringComparison.Ordinal))
                    .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                    .Select(d => Path.Combine(d, "ref", "net" + major + ".0"))
                    .FirstOrDefault(Directory.Exists);
                if (dir != null) return dir;
            }
            return runtimeDir; // implementation assemblies also compile, just less strictly
        }

        private static ImmutableArray<MetadataReference> Load()
        {
            var dir = RefPackDirectory();
            return Directory.GetFiles(dir, "*.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .ToImmutableArray();
        }
    }

    /// <summary>
    /// Runs the generator (so the attribute is really injected), both analyzers and the code fix
    /// over a test source, with Microsoft.CodeAnalysis.Testing's DefaultVerifier.
    /// </summary>
    public sealed class Test : CSharpCodeFixTest<WorkloadAnalyzer, WorkloadCodeFixProvider, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(NetReferences.References);
            FixedState.AdditionalReferences.AddRange(NetReferences.References);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
            => new DiagnosticAnalyzer[] { new WorkloadAnalyzer(), new EvidenceAnalyzer() };

        protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(WorkloadAttributeGenerator) };
    }

    public static class Verify
    {
        public const string Usings = "using DeployAdvisor;\n";

        /// <summary>An expected diagnostic; related locations (the fields that fired a rule) are checked separately.</summary>
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, Severity(id)).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

        private static DiagnosticSeverity Severity(string id)
            => Descriptors.Find(id)?.DefaultSeverity ?? DiagnosticSeverity.Warning;

        public static Task Analyzer(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = Usings + source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public static Task Fix(string source, string fixedSource, params DiagnosticResult[] expected)
            => Fix(source, fixedSource, null, expected);

        public static Task Fix(string source, string fixedSource, Action<Test>? configure, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = Usings + source, FixedCode = Usings + fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            configure?.Invoke(test);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
