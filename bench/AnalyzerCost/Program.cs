using System.Collections.Immutable;
using System.Diagnostics;
using DeployAdvisor.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// analyzer-cost <project-dir> [--runs N]: compiles the project's C# files in process (the .NET reference
// pack of this runtime, no analyzers) and runs the DeployAdvisor analyzers over the same compilation;
// prints each analyzer's execution time (Roslyn telemetry) and its share of the compilation's time
// (binding and emitting every method body), medians of N alternating runs. Both run on one thread, so
// that the telemetry's wall-clock times are CPU times: with concurrent callbacks on 2 busy cores, every
// callback's time includes the time it waited for a core.
if (args.Length == 0) { Console.Error.WriteLine("usage: analyzer-cost <project-dir> [--runs N]"); return 2; }
var dir = args[0];
int runs = args.Length > 2 && args[1] == "--runs" ? int.Parse(args[2]) : 3;
var sep = Path.DirectorySeparatorChar;
var files = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
    .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}")).OrderBy(f => f, StringComparer.Ordinal).ToList();
var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET", "NET10_0", "NET10_0_OR_GREATER", "RELEASE" });
var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
var references = ReferencePack().Select(p => MetadataReference.CreateFromFile(p)).ToList();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
    optimizationLevel: OptimizationLevel.Release, concurrentBuild: false);
Compilation Fresh() => CSharpCompilation.Create("Workloads", trees, references, options);

var errors = Fresh().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
if (errors.Count > 0) { Console.Error.WriteLine($"{errors.Count} compile errors, first: {errors[0]}"); return 1; }
var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new EvidenceAnalyzer());
Console.WriteLine($"{trees.Count} files, {Environment.ProcessorCount} cores; {runs} alternating runs (first run of each discarded as warm-up)");

var compileMs = new List<double>();
var analyzerMs = new Dictionary<string, List<double>>();
var wallMs = new List<double>();
var cold = new Dictionary<string, double>();
int diagnostics = 0;
for (int run = 0; run <= runs; run++)
{
    // Baseline: what the compiler does for every build, binding and emitting every method body.
    var watch = Stopwatch.StartNew();
    var emit = Fresh().Emit(Stream.Null);
    watch.Stop();
    if (!emit.Success) { Console.Error.WriteLine("emit failed"); return 1; }

    var withAnalyzers = Fresh().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    var analyzerWatch = Stopwatch.StartNew();
    var found = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    analyzerWatch.Stop();
    if (run == 0)
    {
        // The first run pays the JIT (tier 0, then tier 1 of what is hot), as a build's compiler does
        // whenever it loads the analyzers anew.
        diagnostics = found.Length;
        foreach (var a in analyzers)
            cold[a.GetType().Name] = withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
        continue;
    }
    compileMs.Add(watch.Elapsed.TotalMilliseconds);
    wallMs.Add(analyzerWatch.Elapsed.TotalMilliseconds);
    foreach (var a in analyzers)
    {
        var t = withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
        var name = a.GetType().Name;
        if (!analyzerMs.TryGetValue(name, out var list)) analyzerMs[name] = list = new List<double>();
        list.Add(t);
    }
}
static double Median(List<double> xs) { var s = xs.OrderBy(x => x).ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
var compile = Median(compileMs);
Console.WriteLine($"compile (emit, no analyzers): median {compile:0} ms; runs {string.Join(" ", compileMs.Select(x => x.ToString("0")))}");
Console.WriteLine($"analyzer pass wall (analyzers only, includes building operation trees): median {Median(wallMs):0} ms; {diagnostics} diagnostics");
double total = 0;
foreach (var (name, list) in analyzerMs)
{
    var m = Median(list); total += m;
    Console.WriteLine($"  {name}: median {m:0} ms = {100 * m / compile:0.00}% of compile; runs {string.Join(" ", list.Select(x => x.ToString("0")))}");
}
Console.WriteLine($"first (cold) run: {string.Join(", ", cold.Select(c => $"{c.Key} {c.Value:0} ms"))}; total {cold.Values.Sum():0} ms = {100 * cold.Values.Sum() / compile:0.00}% of compile");
Console.WriteLine($"DeployAdvisor analyzers: {total:0} ms = {100 * total / compile:0.00}% of compile (target <= 2%)");
return 0;

static IEnumerable<string> ReferencePack()
{
    // <dotnet>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet>/packs/Microsoft.NETCore.App.Ref/<highest>/ref/net10.0
    var shared = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    var root = Path.GetFullPath(Path.Combine(shared, "..", "..", ".."));
    var pack = Directory.GetDirectories(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref"))
        .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).Last();
    return Directory.GetFiles(Path.Combine(pack, "ref", "net10.0"), "*.dll");
}
