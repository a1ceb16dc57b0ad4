using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// A CsCheck-driven mutation fuzzer over the loader, the evaluator and the rule compiler.
/// (SharpFuzz's libFuzzer driver cannot be downloaded here; build-notes.md.) Seeds are the examples
/// and the rule files; mutations insert YAML punctuation, delete, duplicate and swap lines, and
/// truncate. Any exception is a failure that CsCheck shrinks and prints with a seed to replay.
/// CI runs a short pass; FUZZ_ITERATIONS=1000000 runs a long one (README, "Limits and guarantees").
/// </summary>
public class FuzzTests
{
    private static readonly string[] Seeds = Directory.GetFiles(Path.Combine(SchemaFiles.RepositoryRoot, "examples"), "*.yaml")
        .Concat(Directory.GetFiles(Path.Combine(SchemaFiles.RepositoryRoot, "rules"), "*.yaml"))
        .OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private static readonly Evaluator Evaluator = new(RuleSet.BuiltIn);
    private const string Alphabet = ":-[]{},&*!|>'\"#%@?~\n\t\r 0123456789.aeiosmhBKMGTi/\\\0\u00e9\uFEFF";

    internal static int Iterations(int normal)
        => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) ? n : normal;

    private static readonly Gen<(int Op, int Position, int Length, char Char)> Mutation =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[1, 40], Gen.Int[0, Alphabet.Length - 1].Select(i => Alphabet[i]));

    internal static readonly Gen<string> Mutants = Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutation.Array[1, 8], (seed, mutations) =>
    {
        var text = new StringBuilder(Seeds[seed]);
        foreach (var (op, position, length, c) in mutations)
        {
            if (text.Length == 0) text.Append(c);
            int at = position % text.Length;
            switch (op)
            {
                case 0: text.Insert(at, c); break;
                case 1: text.Remove(at, Math.Min(length, text.Length - at)); break;
                case 2: text[at] = c; break;
                case 3: text.Insert(at, new string(c, length)); break;
                case 4:
                {
                    var lines = text.ToString().Split('\n').ToList();
                    int a = position % lines.Count, b = (position / 7 + length) % lines.Count;
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    text.Clear().Append(string.Join("\n", lines));
                    break;
                }
                case 5:
                {
                    var lines = text.ToString().Split('\n').ToList();
                    int a = position % lines.Count;
                    lines.Insert(a, lines[a]);
                    text.Clear().Append(string.Join("\n", lines));
                    break;
                }
                default: text.Length = at; break;
            }
        }
        return text.ToString();
    });

    /// <summary>What one execution does: load, evaluate what loads, locate findings, compile as a rule file.</summary>
    internal static void Execute(string text)
    {
        var file = DescriptorLoader.LoadText("fuzz.yaml", text);
        foreach (var doc in file.Documents)
        {
            if (doc.Workload is null) continue;
            var e = Evaluator.Evaluate(doc.Workload);
            FindingLocator.Locate(e.Findings, "fuzz.yaml", doc.Locations);
        }
        foreach (var f in file.AllFindings)
            if (f.Location is null) throw new InvalidOperationException("unlocated finding: " + f);
        RuleSet.BuiltIn.WithUserRules(new[] { new RuleSource("fuzz.rules.yaml", text) });
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Mutated_descriptors_and_rule_files_never_throw()
        => Mutants.Sample(Execute, iter: Iterations(5_000), threads: -1);

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Random_bytes_never_throw()
        => Gen.Byte.Array[0, 512].Sample(bytes =>
        {
            var file = DescriptorLoader.Load("fuzz.yaml", bytes, namedLiterally: true);
            if (file.AllFindings.Any(f => f.Location is null)) throw new InvalidOperationException("unlocated finding");
        }, iter: Iterations(5_000));
}
