using System;
using System.Globalization;
using System.IO;
using DeployAdvisor.Bench.Corpus;

// corpus descriptors --count N --out DIR [--seed S] [--single] [--multi-percent P] [--violation-percent P] [--schema-error-percent P]
// corpus analyzer-project --types N --out DIR [--seed S] [--package-version V] [--feed DIR]
// corpus artifacts --count N --out DIR [--seed S]
// Deterministic: the same arguments give byte-identical output.
static string? Opt(string[] a, string name)
{
    int i = Array.IndexOf(a, name);
    return i >= 0 && i + 1 < a.Length ? a[i + 1] : null;
}
static int IntOpt(string[] a, string name, int fallback) => Opt(a, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
static double DoubleOpt(string[] a, string name, double fallback) => Opt(a, name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: corpus descriptors --count N --out DIR [--seed S] [--single] [--multi-percent 8] [--violation-percent 3] [--schema-error-percent 0.5]");
    Console.Error.WriteLine("       corpus analyzer-project --types N --out DIR [--seed S] [--package-version V]");
    Console.Error.WriteLine("       corpus artifacts --count N --out DIR [--seed S]");
    return 2;
}
var outDir = Opt(args, "--out") ?? throw new ArgumentException("--out DIR is required");
int seed = IntOpt(args, "--seed", 42);
switch (args[0])
{
    case "descriptors":
    {
        var options = new DescriptorOptions
        {
            Count = IntOpt(args, "--count", 10_000),
            Seed = seed,
            SingleDocumentOnly = Array.IndexOf(args, "--single") >= 0,
            MultiDocumentPercent = DoubleOpt(args, "--multi-percent", 8),
            ViolationPercent = DoubleOpt(args, "--violation-percent", 3),
            SchemaErrorPercent = DoubleOpt(args, "--schema-error-percent", 0.5),
        };
        var stats = DescriptorCorpus.Write(outDir, options);
        Console.WriteLine($"{stats.Files} files, {stats.Documents} descriptors ({stats.MultiDocumentFiles} multi-document files, {stats.Violations} planned violations, {stats.SchemaErrors} schema errors), {stats.Bytes / 1024.0 / 1024.0:F1} MiB in {outDir}");
        return 0;
    }
    case "analyzer-project":
    {
        int types = IntOpt(args, "--types", 2000);
        AnalyzerProject.Write(outDir, types, seed, Opt(args, "--package-version"));
        Console.WriteLine($"{types} [Workload] types in {outDir}");
        return 0;
    }
    case "artifacts":
    {
        var (workloads, bytes) = ArtifactCorpus.Write(outDir, IntOpt(args, "--count", 2000), seed);
        Console.WriteLine($"{workloads} manifests, {workloads} Dockerfiles, {workloads} descriptors with spec.artifacts and {workloads} without, {bytes / 1024.0 / 1024.0:F1} MiB in {outDir}");
        return 0;
    }
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}
