using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

/// <summary>Properties of the decision procedure over generated workloads (CsCheck).</summary>
public class PropertyTests
{
    private static readonly Evaluator Evaluator = new(RuleSet.BuiltIn);

    // Budgets around every profile threshold, and none.
    private static readonly Gen<Duration?> Startup = Gen.OneOf<Duration?>(null, Duration.Parse("500ms"), Duration.Parse("1s"), Duration.Parse("1500ms"), Duration.Parse("2s"), Duration.Parse("10s"), Duration.Parse("30s"), Duration.Parse("2m"));
    private static readonly Gen<ByteSize?> Size = Gen.OneOf<ByteSize?>(null, ByteSize.Parse("1MB"), ByteSize.Parse("5MB"), ByteSize.Parse("100MB"), ByteSize.Parse("250MB"), ByteSize.Parse("1GB"), ByteSize.Parse("20GB"), ByteSize.Parse("100GB"));
    private static readonly Gen<ByteSize?> Overhead = Gen.OneOf<ByteSize?>(null, ByteSize.Parse("1MiB"), ByteSize.Parse("4MiB"), ByteSize.Parse("64MiB"), ByteSize.Parse("160MiB"), ByteSize.Parse("512MiB"), ByteSize.Parse("4GiB"));

    internal static readonly Gen<Workload> Workloads =
        Gen.Select(Gen.Enum<WorkloadInterface>(), Gen.Enum<Sensitivity>(), Gen.Enum<TargetOs>(), Gen.Bool.Array[3], Startup, Size, Overhead,
            Gen.Select(Gen.Int[0, 30], Gen.Int[1, 60], Gen.Int[0, 3]),
            (iface, sensitivity, os, flags, startup, size, overhead, ops) => new Workload("w", iface, sensitivity)
            {
                Os = os,
                UntrustedCode = flags[0],
                MultiTenant = flags[1],
                KernelModules = flags[2],
                StartupBudget = startup,
                SizeBudget = size,
                MemoryOverheadBudget = overhead,
                ReleasesPerWeek = ops.Item1,
                Instances = ops.Item2,
                PlannedTarget = ops.Item3 == 3 ? null : Targets.All[ops.Item3],
            });

    private static ISet<Target> Feasible(Workload w) => Evaluator.Evaluate(w).Ranking.Where(r => r.Feasible).Select(r => r.Target).ToHashSet();

    private static Workload Copy(Workload w) => new(w.Name, w.Interface, w.Sensitivity)
    {
        Os = w.Os, UntrustedCode = w.UntrustedCode, MultiTenant = w.MultiTenant, KernelModules = w.KernelModules,
        StartupBudget = w.StartupBudget, SizeBudget = w.SizeBudget, MemoryOverheadBudget = w.MemoryOverheadBudget,
        ReleasesPerWeek = w.ReleasesPerWeek, Instances = w.Instances, PlannedTarget = w.PlannedTarget,
    };

    /// <summary>Every way of adding one constraint to a workload.</summary>
    private static IEnumerable<Workload> Tightened(Workload w)
    {
        Workload With(System.Action<Workload> change) { var c = Copy(w); change(c); return c; }
        yield return With(c => c.UntrustedCode = true);
        yield return With(c => c.MultiTenant = true);
        yield return With(c => c.KernelModules = true);
        yield return With(c => c.Interface = WorkloadInterface.Gui);
        yield return With(c => c.Sensitivity = Sensitivity.Restricted);
        yield return With(c => c.StartupBudget = new Duration((c.StartupBudget?.Milliseconds ?? 100_000) / 2));
        yield return With(c => c.SizeBudget = new ByteSize((c.SizeBudget?.Bytes ?? 10_000_000_000) / 3));
        yield return With(c => c.MemoryOverheadBudget = new ByteSize((c.MemoryOverheadBudget?.Bytes ?? 1L << 31) / 4));
    }

    private static readonly string[] Edges = { ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", "-.NAN", "+.nan", ".Nan", ".INf", "1e5", "1.e5", ".5E-3", "1.5m", "4GiB", "90000ms", "0x1F", "0o17" };

    [Fact]
    public void Core_schema_number_checks_agree_with_the_spec_regexes()
    {
        // YAML 1.2.2, 10.3.2 (core schema tag resolution).
        var int10 = new System.Text.RegularExpressions.Regex("^[-+]?[0-9]+$");
        var int8 = new System.Text.RegularExpressions.Regex("^0o[0-7]+$");
        var int16 = new System.Text.RegularExpressions.Regex("^0x[0-9a-fA-F]+$");
        var @float = new System.Text.RegularExpressions.Regex("^([-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$");
        var text = Gen.OneOf(
            Gen.String[Gen.Char["0123456789abcdefxoABCDEFgG+-. "], 0, 8],
            Gen.String[Gen.Char["0189eE+-.infINFaANms"], 0, 7],
            Gen.Int[0, Edges.Length - 1].Select(k => Edges[k]));
        text.Sample(v => DeployAdvisor.Engine.Schema.CoreSchema.IsInt10(v) == int10.IsMatch(v)
                         && DeployAdvisor.Engine.Schema.CoreSchema.IsInt8(v) == int8.IsMatch(v)
                         && DeployAdvisor.Engine.Schema.CoreSchema.IsInt16(v) == int16.IsMatch(v)
                         && DeployAdvisor.Engine.Schema.CoreSchema.IsFloat(v) == @float.IsMatch(v), iter: 50000);
    }

    [Fact]
    public void Adding_a_constraint_never_adds_a_feasible_target()
    {
        Workloads.Sample(w =>
        {
            var before = Feasible(w);
            return Tightened(w).All(t => Feasible(t).IsSubsetOf(before));
        }, iter: 2000);
    }

    private static int Isolation(Target t) => t switch { Target.Container => 0, Target.SandboxedContainer => 1, _ => 2 };

    [Fact]
    public void Raising_sensitivity_never_lowers_the_isolation_of_the_recommendation()
    {
        Workloads.Sample(w =>
        {
            var lower = Evaluator.Evaluate(w).Recommendation;
            for (var s = w.Sensitivity + 1; s <= Sensitivity.Restricted; s++)
            {
                var raised = Copy(w);
                raised.Sensitivity = s;
                var higher = Evaluator.Evaluate(raised).Recommendation;
                if (lower is Target l && higher is Target h && Isolation(h) < Isolation(l)) return false;
            }
            return true;
        }, iter: 2000);
    }

    [Fact]
    public void Evaluation_is_deterministic_and_thread_safe()
    {
        Workloads.Sample(w =>
        {
            string Render(WorkloadEvaluation e) => string.Join("|", e.Ranking.Select(r => $"{r.Target}:{r.Feasible}:{string.Join(",", r.Reasons)}"))
                + "#" + string.Join("|", e.Findings.Select(f => $"{f.RuleId}:{f.Severity}:{f.Message}:{f.Field}:{string.Join(",", f.RelatedFields)}"));
            var first = Render(Evaluator.Evaluate(w));
            var parallel = new string[8];
            Parallel.For(0, parallel.Length, i => parallel[i] = Render(new Evaluator(RuleSet.BuiltIn).Evaluate(w)));
            return parallel.All(p => p == first);
        }, iter: 300);
    }

    [Fact]
    public void The_recommendation_is_feasible_and_first_and_DA4001_is_reported_exactly_when_there_is_none()
    {
        Workloads.Sample(w =>
        {
            var e = Evaluator.Evaluate(w);
            bool none = e.Recommendation is null;
            bool reported = e.Findings.Any(f => f.RuleId == "DA4001");
            bool firstIsRecommended = none ? e.Ranking.All(r => !r.Feasible) : e.Ranking[0].Target == e.Recommendation && e.Ranking[0].Feasible;
            return none == reported && firstIsRecommended && e.Ranking.Count == 3;
        }, iter: 2000);
    }

    [Fact]
    public void A_plan_that_is_excluded_or_not_first_is_always_reported()
    {
        Workloads.Where(w => w.PlannedTarget != null).Sample(w =>
        {
            var e = Evaluator.Evaluate(w);
            var planned = w.PlannedTarget!.Value;
            var ids = e.Findings.Select(f => f.RuleId).ToHashSet();
            // Each rule that excludes the plan is reported; nothing that excludes another target is.
            var excluders = e.For(planned).ExcludedBy;
            if (!excluders.All(ids.Contains)) return false;
            var otherExcluders = e.Ranking.Where(r => r.Target != planned).SelectMany(r => r.ExcludedBy).Except(excluders);
            if (otherExcluders.Any(ids.Contains)) return false;
            // DA4002 exactly when the feasible plan is not first and neither DA1004 nor DA5001 says so.
            bool da4002 = e.IsFeasible(planned) && e.Recommendation != planned && !ids.Contains("DA1004") && !ids.Contains("DA5001");
            return da4002 == ids.Contains("DA4002");
        }, iter: 2000);
    }

    [Fact]
    public void Typed_enum_values_read_as_the_descriptor_names()
    {
        // The typed overloads read names from arrays by value; the untyped one from the enum's attributes.
        foreach (var v in System.Enum.GetValues<WorkloadInterface>()) Assert.Equal(FieldValue.Enum((System.Enum)v), FieldValue.Enum(v));
        foreach (var v in System.Enum.GetValues<Sensitivity>()) Assert.Equal(FieldValue.Enum((System.Enum)v), FieldValue.Enum(v));
        foreach (var v in System.Enum.GetValues<TargetOs>()) Assert.Equal(FieldValue.Enum((System.Enum)v), FieldValue.Enum(v));
        foreach (var v in System.Enum.GetValues<Target>())
        {
            Assert.Equal(FieldValue.Enum((System.Enum)v), FieldValue.Enum(v));
            Assert.Equal(FieldValue.Enum((System.Enum)v).TextValue, v.Name());
        }
        Assert.Equal("sandboxed-container", Target.SandboxedContainer.Name());
        // A value outside the enum (a cast integer) still reads, as its number.
        Assert.Equal(FieldValue.Enum((System.Enum)(Target)7), FieldValue.Enum((Target)7));
    }
}
