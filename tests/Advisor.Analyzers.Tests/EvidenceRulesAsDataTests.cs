using System.Linq;
using System.Threading.Tasks;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// Evidence rules are data (rules/evidence.yaml): the engine's catalog says which rules a symbol is
    /// evidence for and whether a rule applies; a user rule file adds triggers of the same kinds.
    /// </summary>
    public class EvidenceRulesAsDataTests
    {
        public const string UserEvidenceRules = @"rules:
  - id: ACME1101
    name: process-id-in-public-code
    category: security
    severity: warning
    effect: evidence
    summary: Public services must not read their process ID from libc.
    rationale: Our sandbox hides it.
    message: ""workload '{name}' reads its process ID but is {field:spec.security.sensitivity}""
    remediation: Declare the workload internal.
    when:
      field: spec.security.sensitivity
      equals: public
    evidence:
      nativeCalls:
        - {entryPoint: getpid, library: libc}
    fix:
      field: spec.security.sensitivity
      value: internal
  - id: ACME2101
    name: portable-beeper
    category: interface
    severity: info
    effect: evidence
    summary: The Portable type needs a GUI.
    rationale: It beeps.
    message: ""workload '{name}' beeps""
    remediation: Declare a GUI.
    evidence:
      types: [Portable]
";

        [Fact]
        public void The_built_in_catalog_holds_the_triggers_conditions_and_fixes()
        {
            var catalog = RuleSet.BuiltIn.Evidence;
            Assert.Equal(new[] { "DA1101", "DA1102", "DA1103", "DA1104", "DA2101", "DA2102" }, catalog.Rules.Select(r => r.Id).ToArray());
            ulong Bit(string id) => 1UL << catalog.Rules.Select(r => r.Id).ToList().IndexOf(id);
            Assert.Equal(Bit("DA1102"), catalog.ForNativeCall("init_module", "libc"));
            Assert.Equal(Bit("DA1103"), catalog.ForNativeCall("mount", "libc"));
            Assert.Equal(Bit("DA1103"), catalog.ForNativeCall("setns", null));
            Assert.Equal(Bit("DA1103"), catalog.ForNativeCall("ioperm", "libc"));
            Assert.Equal(0UL, catalog.ForNativeCall("getpid", "libc"));
            foreach (var library in new[] { "cuda", "nvcuda.dll", "libcuda.so", "libcuda.so.1", "nvml", "nvml.dll", "libnvidia-ml.so.1", "OpenCL", "OpenCL.dll", "libOpenCL.so.1" })
                Assert.Equal(Bit("DA1104"), catalog.ForNativeCall("anyEntryPoint", library));
            Assert.Equal(0UL, catalog.ForNativeCall("cudaMalloc", "libcudart_static"));
            Assert.Equal(Bit("DA1104"), catalog.ForType("ILGPU.Runtime.Cuda", "CudaAccelerator"));
            Assert.Equal(Bit("DA1104"), catalog.ForType("ILGPU.Runtime.OpenCL", "CLAccelerator"));
            Assert.Equal(0UL, catalog.ForType("ILGPU.Runtime.CPU", "CPUAccelerator"));
            Assert.Equal(Bit("DA1104"), catalog.ForMember("Microsoft.ML.OnnxRuntime", "SessionOptions", "AppendExecutionProvider_DML"));
            Assert.Equal(0UL, catalog.ForMember("Microsoft.ML.OnnxRuntime", "SessionOptions", "AppendExecutionProvider_CPU"));
            Assert.Equal(Bit("DA1104"), catalog.ForMember("TorchSharp", "torch+Tensor", "cuda"));
            Assert.Equal(Bit("DA2101"), catalog.ForType("System.Windows.Forms", "Form"));
            Assert.Equal(Bit("DA2101"), catalog.ForType("Avalonia.Controls", "Window"));
            Assert.Equal(Bit("DA2101"), catalog.ForType("System.Windows", "Window"));
            Assert.Equal(0UL, catalog.ForType("System.Windows", "Rect"));
            Assert.Equal(0UL, catalog.ForType("AvaloniaX", "Window"));
            Assert.Equal(Bit("DA1101"), catalog.ForAttribute("Microsoft.AspNetCore.Identity.PersonalDataAttribute"));
            Assert.Equal(Bit("DA2102"), catalog.ForPlatform("Windows10.0.17763"));
            Assert.Equal(0UL, catalog.ForPlatform("linux"));

            var da1101 = RuleSet.BuiltIn.Find("DA1101")!;
            Assert.True(da1101.AppliesTo(f => f == Fields.Sensitivity ? FieldValue.Enum(Sensitivity.Internal) : FieldValue.Absent));
            Assert.False(da1101.AppliesTo(f => f == Fields.Sensitivity ? FieldValue.Enum(Sensitivity.Confidential) : FieldValue.Absent));
            Assert.False(da1101.AppliesTo(_ => FieldValue.Absent)); // unknown sensitivity: no evidence finding
            Assert.Equal(Fields.Sensitivity, da1101.Fix!.Field);
            Assert.Equal("confidential", da1101.Fix.Text);
            Assert.Equal("true", RuleSet.BuiltIn.Find("DA1102")!.Fix!.Text);
            Assert.Equal(Fields.Privileged, RuleSet.BuiltIn.Find("DA1103")!.Fix!.Field);
            Assert.Equal("true", RuleSet.BuiltIn.Find("DA1103")!.Fix!.Text);
            var da1104 = RuleSet.BuiltIn.Find("DA1104")!;
            Assert.True(da1104.AppliesTo(f => f == Fields.Devices ? FieldValue.SetOf("usb") : FieldValue.Absent));
            Assert.False(da1104.AppliesTo(f => f == Fields.Devices ? FieldValue.SetOf("gpu") : FieldValue.Absent));
            Assert.Equal(Fields.Devices, da1104.Fix!.Field);
            Assert.True(da1104.Fix.Adds);
            Assert.Equal("gpu", da1104.Fix.Text);
        }

        [Theory]
        [InlineData("libc", "libc", true)]
        [InlineData("libc", "libc.so.6", true)]
        [InlineData("libc", "LIBC.dll", true)]
        [InlineData("libc", "/usr/lib/libc.so", true)]
        [InlineData("libc", "libcrypto", false)]
        [InlineData("libc", null, false)]
        public void Library_names_match_without_case_extension_or_version(string library, string? imported, bool matches)
            => Assert.Equal(matches, new NativeCall("x", library).MatchesLibrary(imported));

        [Theory]
        [InlineData("    evidence: {}\n", "at least one trigger")]
        [InlineData("", "needs 'evidence'")]
        [InlineData("    evidence: {types: [A]}\n    fix: {field: spec.securty.sensitivity, value: internal}\n", "not a descriptor field")]
        [InlineData("    evidence: {types: [A]}\n    fix: {field: spec.security.sensitivity, value: secret}\n", "fix.value")]
        [InlineData("    evidence: {namespaces: [\"bad..name\"]}\n", "not a metadata name")]
        public void Invalid_evidence_rules_are_DA0008_where_written(string extra, string expected)
        {
            var text = "rules:\n  - id: ACME1199\n    name: x\n    category: security\n    severity: warning\n    effect: evidence\n    summary: s\n    rationale: r\n    message: m\n    remediation: r\n" + extra;
            var load = RuleSet.BuiltIn.WithUserRules(new[] { new RuleSource("/p/bad.rules.yaml", text) });
            var finding = Assert.Single(load.Findings);
            Assert.Equal(RuleIds.InvalidConfiguration, finding.RuleId);
            Assert.Contains(expected, finding.Message);
            Assert.Equal("/p/bad.rules.yaml", finding.Location!.File);
        }

        [Fact]
        public void Only_evidence_rules_take_triggers_and_fixes()
        {
            var text = "rules:\n  - id: ACME4001\n    name: x\n    category: plan\n    severity: warning\n    effect: report\n    summary: s\n    rationale: r\n    message: m\n    remediation: r\n    when: {field: spec.interface, equals: cli}\n    evidence: {types: [A]}\n    fix: {field: spec.interface, value: gui}\n";
            var load = RuleSet.BuiltIn.WithUserRules(new[] { new RuleSource("/p/bad.rules.yaml", text) });
            Assert.Equal(2, load.Findings.Count);
            Assert.Contains(load.Findings, f => f.Message.Contains("only an evidence rule has evidence triggers"));
            Assert.Contains(load.Findings, f => f.Message.Contains("only an evidence rule has a fix"));
        }

        public const string UserDeviceRule = @"rules:
  - id: ACME1104
    name: fpga-undeclared
    category: isolation
    severity: warning
    effect: evidence
    summary: The code drives our FPGA boards while Devices lacks Fpga.
    rationale: Only the FPGA pool has the boards.
    message: ""workload '{name}' drives an FPGA but declares devices {field:spec.host.devices}""
    remediation: Add WorkloadDevices.Fpga.
    when: {field: spec.host.devices, notContains: fpga}
    evidence:
      nativeCalls:
        - {library: xrt_core}
      members:
        - Acme.Fpga.Board.Open
    fix: {field: spec.host.devices, value: fpga}
";

        [Fact]
        public async Task A_user_rule_file_adds_library_and_member_triggers_with_a_fix_that_adds_a_device()
        {
            var test = new Test
            {
                TestCode = Usings + @"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = WorkloadDevices.Usb)]
class Service
{
    object Open() => {|#0:Acme.Fpga.Board.Open(0)|};
    void Close(Acme.Fpga.Board b) => b.Close();
    System.IntPtr Raw() => {|#1:Native.xclOpen(0, """", 0)|};
}",
                FixedCode = Usings + @"
[Workload(""svc"", WorkloadInterface.Headless, DataSensitivity.Internal, Devices = WorkloadDevices.Usb | WorkloadDevices.Fpga)]
class Service
{
    object Open() => Acme.Fpga.Board.Open(0);
    void Close(Acme.Fpga.Board b) => b.Close();
    System.IntPtr Raw() => Native.xclOpen(0, """", 0);
}",
            };
            Stubs.AddTo(test.TestState);
            Stubs.AddTo(test.FixedState);
            test.TestState.AdditionalFiles.Add(("/0/acme.rules.yaml", UserDeviceRule));
            test.FixedState.AdditionalFiles.Add(("/0/acme.rules.yaml", UserDeviceRule));
            foreach (var at in new[] { 0, 1 })
                test.ExpectedDiagnostics.Add(Diagnostic("DA9000").WithLocation(at).WithSeverity(DiagnosticSeverity.Warning)
                    .WithMessage("ACME1104: workload 'svc' drives an FPGA but declares devices usb"));
            test.CodeActionEquivalenceKey = "DeployAdvisor.Devices.Fpga";
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            await test.RunAsync();
        }

        [Fact]
        public async Task A_user_rule_file_adds_evidence_triggers_reported_as_DA9000_with_its_fix()
        {
            var test = new Test
            {
                TestCode = Usings + @"
[Workload(""svc"", WorkloadInterface.Web, DataSensitivity.Public)]
class Service
{
    int Id() => {|#0:Native.getpid()|};
    void Beep() => {|#1:Portable.Beep()|};
    void Beep2() { WinApi.Beep(); }
}",
                FixedCode = Usings + @"
[Workload(""svc"", WorkloadInterface.Web, DataSensitivity.Internal)]
class Service
{
    int Id() => Native.getpid();
    void Beep() => {|#1:Portable.Beep()|};
    void Beep2() { WinApi.Beep(); }
}",
            };
            Stubs.AddTo(test.TestState);
            Stubs.AddTo(test.FixedState);
            test.TestState.AdditionalFiles.Add(("/0/acme.rules.yaml", UserEvidenceRules));
            test.FixedState.AdditionalFiles.Add(("/0/acme.rules.yaml", UserEvidenceRules));
            test.ExpectedDiagnostics.Add(Diagnostic("DA9000").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
                .WithMessage("ACME1101: workload 'svc' reads its process ID but is public"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA9000").WithLocation(1).WithSeverity(DiagnosticSeverity.Info)
                .WithMessage("ACME2101: workload 'svc' beeps"));
            // WinApi.Beep is Windows-only: the built-in DA2102 still fires beside the user rules.
            test.ExpectedDiagnostics.Add(Diagnostic("DA2102").WithSpan("/0/Test0.cs", 8, 20, 8, 33));
            test.FixedState.ExpectedDiagnostics.Add(Diagnostic("DA9000").WithLocation(1).WithSeverity(DiagnosticSeverity.Info)
                .WithMessage("ACME2101: workload 'svc' beeps"));
            test.FixedState.ExpectedDiagnostics.Add(Diagnostic("DA2102").WithSpan("/0/Test0.cs", 8, 20, 8, 33));
            test.CodeActionEquivalenceKey = "DeployAdvisor.Sensitivity.Internal";
            await test.RunAsync();
        }
    }
}
