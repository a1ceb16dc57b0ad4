using System;
using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Rules;

// Minimal front end until the CLI issue lands: recommend over files and directories, printing the engine's real result.
var evaluator = new Evaluator(RuleSet.BuiltIn);
var paths = args.Skip(1).ToList();
foreach (var file in paths.SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal) : new[] { p }))
{
    var loaded = DescriptorLoader.Load(file, File.ReadAllBytes(file), namedLiterally: true);
    foreach (var f in loaded.AllFindings) Console.WriteLine(f);
    foreach (var doc in loaded.Documents.Where(d => d.Workload != null))
    {
        var e = evaluator.Evaluate(doc.Workload!);
        Console.WriteLine($"{file}: {doc.Name}: recommendation {e.Recommendation?.Name() ?? "none"}");
        foreach (var r in e.Ranking) Console.WriteLine($"  {r.Target.Name(),-20} {(r.Feasible ? "feasible" : "excluded")}  {string.Join(" | ", r.Reasons)}");
        foreach (var f in FindingLocator.Locate(e.Findings, file, doc.Locations)) Console.WriteLine("  " + f);
    }
}
