using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using static DeployAdvisor.Engine.Tests.TestWorkloads;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// contains / notContains: one value of a set field (spec.host.devices), validated when the rule file
/// loads; and the evidence triggers added with them (a native library with any entry point, members).
/// </summary>
public class SetConditionTests
{
    private static string ReportRule(string when) => $$"""
        rules:
          - id: ACME0100
            name: gpu-note
            category: plan
            severity: info
            effect: report
            summary: s
            rationale: r
            message: "{name} has devices {field:spec.host.devices}"
            remediation: r
            when: {{when}}
        """;

    private static RuleSetLoad Load(string text) => RuleSet.BuiltIn.WithUserRules(new[] { new RuleSource("acme.rules.yaml", text) });

    private static bool Fires(string when, string devices)
    {
        var load = Load(ReportRule(when));
        Assert.True(load.IsValid, string.Join("; ", load.Findings));
        var spec = "interface: headless\nsecurity:\n  sensitivity: internal" + (devices.Length == 0 ? "" : $"\nhost:\n  devices: [{devices}]");
        var w = Document(Spec(spec)).Workload!;
        return new Evaluator(load.RuleSet).Evaluate(w).Findings.Any(f => f.RuleId == "ACME0100");
    }

    [Theory]
    [InlineData("", false, true)]
    [InlineData("gpu", true, false)]
    [InlineData("usb", false, true)]
    [InlineData("usb, gpu", true, false)]
    [InlineData("fpga, usb", false, true)]
    public void Contains_and_notContains_test_one_member_of_the_set(string devices, bool contains, bool notContains)
    {
        Assert.Equal(contains, Fires("{field: spec.host.devices, contains: gpu}", devices));
        Assert.Equal(notContains, Fires("{field: spec.host.devices, notContains: gpu}", devices));
        // not: contains is notContains for a field that always has a value (devices default to none).
        Assert.Equal(notContains, Fires("{not: {field: spec.host.devices, contains: gpu}}", devices));
    }

    [Fact]
    public void On_an_unknown_field_neither_holds()
    {
        // An evidence rule's declaration may not say its devices (an argument in error): nothing is claimed.
        var rule = Load(ReportRule("{field: spec.host.devices, notContains: gpu}")).RuleSet.Find("ACME0100")!;
        Assert.False(rule.AppliesTo(_ => FieldValue.Absent));
        Assert.True(rule.AppliesTo(f => f == Fields.Devices ? FieldValue.SetOf("usb") : FieldValue.Absent));
        Assert.False(rule.AppliesTo(f => f == Fields.Devices ? FieldValue.SetOf("gpu") : FieldValue.Absent));
    }

    [Fact]
    public void An_unknown_member_is_DA0008_at_the_value()
    {
        var load = Load(ReportRule("{field: spec.host.devices, contains: tpu}"));
        var f = Assert.Single(load.Findings);
        Assert.Equal(RuleIds.InvalidConfiguration, f.RuleId);
        Assert.Equal("acme.rules.yaml", f.Location!.File);
        Assert.Equal(11, f.Location.Span.Line);
        Assert.Equal(48, f.Location.Span.Column);
        Assert.Contains("'tpu' is not one of gpu, fpga, usb", f.Message);
    }

    [Theory]
    [InlineData("{field: spec.interface, contains: gui}", "'contains' compares sets; spec.interface is a string")]
    [InlineData("{field: spec.host.devices, equals: gpu}", "compare it with contains, notContains, subsetOf or notSubsetOf")]
    [InlineData("{field: spec.host.devices, notContains: [gpu, usb]}", "must be a single value")]
    [InlineData("{any: [{field: spec.host.devices, contains: gpu}], contains: gpu}", "comparison operators need a 'field'")]
    public void Misused_set_comparisons_are_DA0008(string when, string expected)
    {
        var f = Assert.Single(Load(ReportRule(when)).Findings);
        Assert.Equal(RuleIds.InvalidConfiguration, f.RuleId);
        Assert.Contains(expected, f.Message);
    }

    [Fact]
    public void The_remedy_of_notContains_names_the_member()
    {
        var load = Load(ReportRule("{field: spec.host.devices, notContains: gpu}").Replace("effect: report", "effect: exclude\n    excludes: [container]"));
        Assert.True(load.IsValid, string.Join("; ", load.Findings));
        var w = Document(Spec("interface: headless\nsecurity:\n  sensitivity: internal\nhost:\n  devices: [usb]")).Workload!;
        var container = new Evaluator(load.RuleSet).Evaluate(w).For(Target.Container);
        var exclusion = Assert.Single(container.Exclusions, e => e.Rule.Id == "ACME0100");
        Assert.Equal(new[] { "spec.host.devices includes gpu" }, exclusion.Remedies);
    }

    // Library names: every spelling a loader resolves to one library matches it; another library does not.
    [Theory]
    [InlineData("cuda", "cuda", true)]
    [InlineData("cuda", "CUDA", true)]
    [InlineData("cuda", "cuda.dll", true)]
    [InlineData("cuda", "libcuda", true)]
    [InlineData("cuda", "libcuda.so", true)]
    [InlineData("cuda", "libcuda.so.1", true)]
    [InlineData("cuda", "/usr/lib/x86_64-linux-gnu/libcuda.so.1", true)]
    [InlineData("cuda", "libcuda.dylib", true)]
    [InlineData("libcuda", "libcuda.so.1", true)]
    [InlineData("cuda", "nvcuda.dll", false)]
    [InlineData("cuda", "libcudart", false)]
    [InlineData("cuda", "libcudart_static", false)]
    [InlineData("cuda", "cudart64_12.dll", false)]
    [InlineData("nvcuda", "nvcuda.dll", true)]
    [InlineData("nvcuda", @"C:\Windows\System32\nvcuda.dll", true)]
    [InlineData("nvml", "nvml.dll", true)]
    [InlineData("nvml", "libnvidia-ml.so.1", false)]
    [InlineData("nvidia-ml", "libnvidia-ml.so.1", true)]
    [InlineData("OpenCL", "OpenCL", true)]
    [InlineData("OpenCL", "OpenCL.dll", true)]
    [InlineData("OpenCL", "opencl", true)]
    [InlineData("OpenCL", "libOpenCL.so.1", true)]
    [InlineData("OpenCL", "libOpenCLHelper.so", false)]
    [InlineData("libc", "libc.so.6", true)]
    [InlineData("libc", "libc.musl-x86_64.so.1", true)]
    [InlineData("libc", "libcrypto.so.3", false)]
    [InlineData("System.Native", "libSystem.Native.so", true)]
    [InlineData("cuda", null, false)]
    public void Library_names_match_as_the_loader_resolves_them(string library, string? imported, bool matches)
        => Assert.Equal(matches, new NativeCall(null, library).MatchesLibrary(imported));

    private const string EvidenceRule = """
        rules:
          - id: ACME1100
            name: accelerator
            category: isolation
            severity: warning
            effect: evidence
            summary: s
            rationale: r
            message: m
            remediation: r
            when: {field: spec.host.devices, notContains: fpga}
            evidence:
              nativeCalls:
                - {library: xrt_core}
                - {entryPoint: clCreateContext, library: OpenCL}
              members:
                - Acme.Fpga.Board.Open
                - Acme.Fpga.Board+Kind.Accelerated
            fix: {field: spec.host.devices, value: fpga}
        """;

    [Fact]
    public void A_user_evidence_rule_adds_library_and_member_triggers_and_a_set_fix()
    {
        var load = Load(EvidenceRule);
        Assert.True(load.IsValid, string.Join("; ", load.Findings));
        var catalog = load.RuleSet.Evidence;
        ulong bit = 1UL << catalog.Rules.Select(r => r.Id).ToList().IndexOf("ACME1100");
        Assert.Equal(bit, catalog.ForNativeCall("xclOpen", "libxrt_core.so.2") & bit);
        Assert.Equal(bit, catalog.ForNativeCall("clCreateContext", "libOpenCL.so.1") & bit);
        Assert.Equal(0UL, catalog.ForNativeCall("clGetPlatformIDs", "libOpenCL.so.1") & bit);   // only that entry point of OpenCL (DA1104 takes all of them)
        Assert.Equal(0UL, catalog.ForNativeCall("clCreateContext", "libc") & bit);
        Assert.Equal(bit, catalog.ForMember("Acme.Fpga", "Board", "Open"));
        Assert.Equal(bit, catalog.ForMember("Acme.Fpga", "Board+Kind", "Accelerated"));
        Assert.Equal(0UL, catalog.ForMember("Acme.Fpga", "Board", "Close"));
        Assert.Equal(0UL, catalog.ForMember("Acme", "Fpga", "Board"));
        Assert.Contains("Acme.Fpga.Board", catalog.MemberTypeNames);
        var fix = load.RuleSet.Find("ACME1100")!.Fix!;
        Assert.True(fix.Adds);
        Assert.Equal("fpga", fix.Text);
    }

    [Theory]
    [InlineData("- {library: xrt_core}", "- {}", "names an entryPoint, a library or both")]
    [InlineData("- Acme.Fpga.Board.Open", "- Open", "is not a member's name")]
    [InlineData("value: fpga}", "value: tpu}", "'tpu' is not one of gpu, fpga, usb")]
    [InlineData("notContains: fpga", "notContains: tpu", "'tpu' is not one of gpu, fpga, usb")]
    public void Bad_new_triggers_and_set_fixes_are_DA0008(string from, string to, string expected)
    {
        var f = Assert.Single(Load(EvidenceRule.Replace(from, to)).Findings);
        Assert.Equal(RuleIds.InvalidConfiguration, f.RuleId);
        Assert.Equal("acme.rules.yaml", f.Location!.File);
        Assert.Contains(expected, f.Message);
    }
}
