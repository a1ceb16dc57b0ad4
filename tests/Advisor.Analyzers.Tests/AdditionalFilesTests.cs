using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>*.rules.yaml user rules and *.workload.yaml descriptors given as additional files.</summary>
    public class AdditionalFilesTests
    {
        public const string UserRule = @"rules:
  - id: ACME0001
    name: no-vm-for-cli
    category: cost
    severity: warning
    effect: exclude
    summary: Our VM budget does not cover command-line tools.
    rationale: VMs for CLI tools cost too much here.
    excludes: [vm]
    when:
      all:
        - field: spec.interface
          equals: cli
        - field: spec.operations.instances
          atLeast: 2
    message: ""cli tools do not get a {target} at ACME""
    remediation: Use a container.
";

        private static Test With(string source, params (string Path, string Text)[] files)
        {
            var test = new Test { TestCode = Usings + source };
            foreach (var f in files) test.TestState.AdditionalFiles.Add((f.Path, f.Text));
            return test;
        }

        [Fact]
        public async Task User_rules_take_part_and_report_as_DA9000_with_their_id_and_severity()
        {
            var test = With(@"
[Workload(""tool"", WorkloadInterface.Cli, DataSensitivity.Public, Instances = 3, {|#0:Target = DeploymentTarget.Vm|})]
class Tool { }", ("/0/acme.rules.yaml", UserRule));
            test.ExpectedDiagnostics.Add(Diagnostic("DA9000").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
                .WithMessage("ACME0001: cli tools do not get a planned vm at ACME (interface: cli, operations.instances: 3); container is recommended"));
            await test.RunAsync();
        }

        [Fact]
        public async Task User_rule_findings_offer_the_target_fix()
        {
            var test = With(@"
[Workload(""tool"", WorkloadInterface.Cli, DataSensitivity.Public, Instances = 3, {|DA9000:Target = DeploymentTarget.Vm|})]
class Tool { }", ("/0/acme.rules.yaml", UserRule));
            test.FixedState.AdditionalFiles.Add(("/0/acme.rules.yaml", UserRule));
            test.FixedCode = Usings + @"
[Workload(""tool"", WorkloadInterface.Cli, DataSensitivity.Public, Instances = 3, Target = DeploymentTarget.Container)]
class Tool { }";
            await test.RunAsync();
        }

        [Fact]
        public async Task Invalid_user_rule_file_is_DA0008_located_in_the_file()
        {
            var test = With("class C { }", ("/0/acme.rules.yaml", UserRule.Replace("atLeast: 2", "atLeast: two")));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0008").WithSpan("/0/acme.rules.yaml", 15, 20, 15, 23));
            await test.RunAsync();
        }

        [Fact]
        public async Task User_rule_may_not_replace_a_built_in_rule()
        {
            var test = With("class C { }", ("/0/acme.rules.yaml", UserRule.Replace("ACME0001", "DA2001")));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0008").WithSpan("/0/acme.rules.yaml", 2, 9, 2, 15));
            await test.RunAsync();
        }

        private const string Payments = @"apiVersion: deployadvisor/v1
kind: Workload
metadata:
  name: payments-api
spec:
  interface: web
  security:
    sensitivity: restricted
  deployment:
    target: container
";

        [Fact]
        public async Task Workload_yaml_is_evaluated_with_diagnostics_inside_the_file()
        {
            var test = With("class C { }", ("/0/payments.workload.yaml", Payments));
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithSpan("/0/payments.workload.yaml", 10, 13, 10, 22));
            await test.RunAsync();
        }

        [Fact]
        public async Task Workload_yaml_schema_and_syntax_errors()
        {
            var test = With("class C { }",
                ("/0/bad.workload.yaml", Payments.Replace("  deployment:\n    target: container\n", "  budgets:\n    startup: fast\n")),
                ("/0/broken.workload.yaml", "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata: {name: x\n"),
                ("/0/other.workload.yaml", "just: some yaml\n"),
                ("/0/notes.txt", "ignored"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0002").WithSpan("/0/bad.workload.yaml", 10, 14, 10, 18));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0001").WithSpan("/0/broken.workload.yaml", 4, 1, 4, 1));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0003").WithSpan("/0/other.workload.yaml", 1, 1, 1, 1));
            await test.RunAsync();
        }

        [Fact]
        public async Task Duplicate_name_between_yaml_and_attribute_is_DA0004_at_the_later_path()
        {
            var test = With(@"
[Workload(""payments-api"", WorkloadInterface.Web, DataSensitivity.Restricted)]
class Pay { }", ("/0/payments.workload.yaml", Payments));
            // Ordinal path order: /0/Test0.cs comes before /0/payments.workload.yaml.
            test.ExpectedDiagnostics.Add(Diagnostic("DA0004").WithSpan("/0/payments.workload.yaml", 4, 9, 4, 21)
                .WithMessage("workload name 'payments-api' is already used by /0/Test0.cs:3:11; names must be unique across a run"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithSpan("/0/payments.workload.yaml", 10, 13, 10, 22));
            await test.RunAsync();
        }

        [Fact]
        public async Task Workload_yaml_uses_profile_overrides()
        {
            var test = With("class C { }", ("/0/api.workload.yaml", Payments.Replace("container", "vm").Replace("  deployment:", "  budgets:\n    startup: 10s\n  deployment:")));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndeployadvisor.profile.vm.startup = 5s\n"));
            await test.RunAsync();
        }

        private const string Designer = @"apiVersion: deployadvisor/v1
kind: Workload
metadata:
  name: report-designer
spec:
  interface: gui
  security:
    sensitivity: internal
  deployment:
    target: container{0}
";

        [Fact]
        public async Task Workload_yaml_reports_DA2001_without_a_suppression()
        {
            var test = With("class C { }", ("/0/designer.workload.yaml", string.Format(Designer, "")));
            test.ExpectedDiagnostics.Add(Diagnostic("DA2001").WithSpan("/0/designer.workload.yaml", 10, 13, 10, 22));
            await test.RunAsync();
        }

        [Fact]
        public async Task Inline_suppression_with_a_reason_silences_DA2001_in_a_workload_yaml()
        {
            var test = With("class C { }", ("/0/designer.workload.yaml", string.Format(Designer, "  # deployadvisor-ignore DA2001: runs in a kiosk VM image")));
            await test.RunAsync();
        }

        [Fact]
        public async Task Inline_suppression_without_a_reason_is_DA0005_and_suppresses_nothing()
        {
            var test = With("class C { }", ("/0/designer.workload.yaml", string.Format(Designer, "  # deployadvisor-ignore DA2001")));
            test.ExpectedDiagnostics.Add(Diagnostic("DA2001").WithSpan("/0/designer.workload.yaml", 10, 13, 10, 22));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0005").WithSpan("/0/designer.workload.yaml", 10, 24, 10, 53));
            await test.RunAsync();
        }

        [Fact]
        public async Task Stale_inline_suppression_is_DA0006()
        {
            var test = With("class C { }", ("/0/designer.workload.yaml", string.Format(Designer, "  # deployadvisor-ignore DA1001: not restricted any more")));
            test.ExpectedDiagnostics.Add(Diagnostic("DA2001").WithSpan("/0/designer.workload.yaml", 10, 13, 10, 22));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0006").WithSpan("/0/designer.workload.yaml", 10, 24, 10, 78));
            await test.RunAsync();
        }

        [Fact]
        public async Task Duplicate_name_between_attributes_and_a_later_yaml_all_name_the_first()
        {
            var test = With(@"
[Workload(""payments-api"", WorkloadInterface.Web, DataSensitivity.Restricted)]
class Pay { }
[Workload({|#0:""payments-api""|}, WorkloadInterface.Web, DataSensitivity.Restricted)]
class Pay2 { }", ("/0/payments.workload.yaml", Payments));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0004").WithLocation(0)
                .WithMessage("workload name 'payments-api' is already used by /0/Test0.cs:3:11; names must be unique across a run"));
            // Its message is not compared: the testing library's generated-code pass shifts Test0.cs by a line.
            test.ExpectedDiagnostics.Add(Diagnostic("DA0004").WithSpan("/0/payments.workload.yaml", 4, 9, 4, 21));
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithSpan("/0/payments.workload.yaml", 10, 13, 10, 22));
            await test.RunAsync();
        }

        [Fact]
        public async Task Inline_suppression_of_DA0004_in_a_workload_yaml()
        {
            var test = With(@"
[Workload(""payments-api"", WorkloadInterface.Web, DataSensitivity.Restricted)]
class Pay { }", ("/0/payments.workload.yaml", Payments.Replace("name: payments-api", "name: payments-api  # deployadvisor-ignore DA0004: the attribute is the same service")));
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithSpan("/0/payments.workload.yaml", 10, 13, 10, 22));
            await test.RunAsync();
        }
    }
}
