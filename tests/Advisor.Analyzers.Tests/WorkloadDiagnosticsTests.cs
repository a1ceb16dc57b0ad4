using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>The catalog's rules on [Workload] declarations: same IDs and severities as the CLI, at the spec's locations.</summary>
    public class WorkloadDiagnosticsTests
    {
        [Fact]
        public Task Spec_example_restricted_data_planned_on_container_is_DA1001_at_the_target_argument() => Analyzer(@"
[Workload(""payments-api"", WorkloadInterface.Web, DataSensitivity.Restricted,
          StartupBudget = ""2m"", SizeBudget = ""20GB"", {|DA1001:Target = DeploymentTarget.Container|})]
public sealed class PaymentsService { }");

        [Fact]
        public Task DA1001_is_an_error_with_the_engine_message() => Analyzer(@"
[Workload(""payments-api"", WorkloadInterface.Web, DataSensitivity.Restricted, {|#0:Target = DeploymentTarget.Container|})]
public sealed class PaymentsService { }",
            Diagnostic("DA1001").WithLocation(0).WithSeverity(DiagnosticSeverity.Error)
                .WithMessage("restricted data must not share a kernel with other workloads, so planned container is excluded (deployment.hosts: shared, security.sensitivity: restricted); vm is recommended"));

        [Fact]
        public Task Plan_violation_relates_the_arguments_that_fired_the_rule() => Analyzer(@"
[Workload(""plugins"", WorkloadInterface.Web, DataSensitivity.Internal, {|#1:UntrustedCode = true|}, {|#0:Target = DeploymentTarget.Container|})]
class PluginRunner { }",
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult("DA1002", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1));

        [Fact]
        public Task DA1002_untrusted_code_on_container() => Analyzer(@"
[Workload(""plugins"", WorkloadInterface.Headless, DataSensitivity.Internal, UntrustedCode = true, {|DA1002:Target = DeploymentTarget.Container|})]
class PluginRunner { }");

        [Fact]
        public Task DA1002_multi_tenant_on_container() => Analyzer(@"
[Workload(""tenants"", WorkloadInterface.Web, DataSensitivity.Internal, MultiTenant = true, {|DA1002:Target = DeploymentTarget.Container|})]
class Tenants { }");

        [Fact]
        public Task DA1003_kernel_modules_on_sandboxed_container() => Analyzer(@"
[Workload(""edge-inspector"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = true, {|DA1003:Target = DeploymentTarget.SandboxedContainer|})]
struct EdgeInspector { }");

        [Fact]
        public Task DA2001_gui_on_container() => Analyzer(@"
[Workload(""designer"", WorkloadInterface.Gui, DataSensitivity.Internal, {|DA2001:Target = DeploymentTarget.Container|})]
class Designer { }");

        [Fact]
        public Task DA3001_startup_budget_below_vm() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, StartupBudget = ""10s"", {|DA3001:Target = DeploymentTarget.Vm|})]
class Api { }");

        [Fact]
        public Task DA3002_size_budget_below_vm() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, SizeBudget = ""500MB"", {|DA3002:Target = DeploymentTarget.Vm|})]
class Api { }");

        [Fact]
        public Task DA3002_uses_the_windows_size_for_windows_workloads() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, Os = TargetOs.Windows, SizeBudget = ""1GB"", {|DA3002:Target = DeploymentTarget.Vm|})]
class Api { }");

        [Fact]
        public Task DA3003_overhead_budget_below_sandbox() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Confidential, MemoryOverheadBudget = ""100MiB"", {|DA3003:Target = DeploymentTarget.SandboxedContainer|})]
class Api { }");

        [Fact]
        public Task DA1004_confidential_on_container_is_a_warning() => Analyzer(@"
[Workload(""crm"", WorkloadInterface.Web, DataSensitivity.Confidential, {|#0:Target = DeploymentTarget.Container|})]
class Crm { }", Diagnostic("DA1004").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));

        [Fact]
        public Task DA4002_better_target_available_is_info() => Analyzer(@"
[Workload(""site"", WorkloadInterface.Web, DataSensitivity.Public, {|#0:Target = DeploymentTarget.Vm|})]
class Site { }", Diagnostic("DA4002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info));

        [Fact]
        public Task DA5001_frequent_releases_on_vm() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, ReleasesPerWeek = 10, {|DA5001:Target = DeploymentTarget.Vm|})]
class Api { }");

        [Fact]
        public Task DA5001_many_instances_on_vm() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, Instances = 50, {|DA5001:Target = DeploymentTarget.Vm|})]
class Api { }");

        [Fact]
        public Task DA4001_without_target_is_at_the_attribute_name() => Analyzer(@"
[{|#0:Workload|}(""kiosk"", WorkloadInterface.Gui, DataSensitivity.Public, StartupBudget = ""1s"")]
class Kiosk { }", Diagnostic("DA4001").WithLocation(0).WithSeverity(DiagnosticSeverity.Error)
            .WithMessage("no target satisfies every need of this workload: container fits if spec.interface is not gui; sandboxed-container fits if spec.interface is not gui and spec.budgets.startup is at least 2s; vm fits if spec.budgets.startup is at least 30s"));

        [Fact]
        public Task DA4001_with_target_is_at_the_target_with_the_plan_violations() => Analyzer(@"
[Workload(""kiosk"", WorkloadInterface.Gui, DataSensitivity.Public, StartupBudget = ""1s"", {|#0:Target = DeploymentTarget.Vm|})]
class Kiosk { }", Diagnostic("DA3001").WithLocation(0), Diagnostic("DA4001").WithLocation(0));

        [Fact]
        public Task Fully_qualified_attribute_name_works() => Analyzer(@"
[DeployAdvisor.WorkloadAttribute(""crm"", DeployAdvisor.WorkloadInterface.Web, DeployAdvisor.DataSensitivity.Confidential, {|DA1004:Target = DeployAdvisor.DeploymentTarget.Container|})]
class Crm { }");

        [Fact]
        public Task Named_constructor_arguments_in_any_order_are_read() => Analyzer(@"
[Workload(sensitivity: DataSensitivity.Restricted, @interface: WorkloadInterface.Web, name: ""pay"", {|DA1001:Target = DeploymentTarget.Container|})]
class Pay { }");

        // Negative cases: declarations that agree with the rules report nothing.
        [Theory]
        [InlineData(@"[Workload(""site"", WorkloadInterface.Web, DataSensitivity.Public)]")]
        [InlineData(@"[Workload(""site"", WorkloadInterface.Web, DataSensitivity.Public, Target = DeploymentTarget.Container)]")]
        [InlineData(@"[Workload(""site"", WorkloadInterface.Web, DataSensitivity.Public, Target = DeploymentTarget.Unspecified)]")]
        [InlineData(@"[Workload(""pay"", WorkloadInterface.Web, DataSensitivity.Restricted, StartupBudget = ""2m"", SizeBudget = ""20GB"", Target = DeploymentTarget.Vm)]")]
        [InlineData(@"[Workload(""crm"", WorkloadInterface.Web, DataSensitivity.Confidential, Target = DeploymentTarget.SandboxedContainer)]")]
        [InlineData(@"[Workload(""designer"", WorkloadInterface.Gui, DataSensitivity.Internal, Target = DeploymentTarget.Vm)]")]
        [InlineData(@"[Workload(""edge"", WorkloadInterface.Headless, DataSensitivity.Internal, KernelModules = true, Target = DeploymentTarget.Vm)]")]
        [InlineData(@"[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, ReleasesPerWeek = 1, Instances = 2, Target = DeploymentTarget.Container)]")]
        [InlineData(@"[Workload(""api"", WorkloadInterface.Cli, DataSensitivity.Internal, StartupBudget = ""1.5s"", SizeBudget = ""10MB"", MemoryOverheadBudget = ""8MiB"", Target = DeploymentTarget.Container)]")]
        public Task Consistent_declarations_report_nothing(string attribute) => Analyzer(attribute + "\nclass C { }");

        [Fact]
        public Task Classes_without_the_attribute_report_nothing() => Analyzer("class C { void M() { } }");

        // DA0002: bad arguments, at the argument.
        [Fact]
        public Task DA0002_bad_duration_literal_at_the_argument() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, {|#0:StartupBudget = ""fast""|}, Target = DeploymentTarget.Container)]
class Api { }", Diagnostic("DA0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Error));

        [Theory]
        [InlineData(@"SizeBudget = ""20 GB""")]
        [InlineData(@"SizeBudget = ""20gb""")]
        [InlineData(@"MemoryOverheadBudget = ""1.5B""")]
        [InlineData(@"StartupBudget = ""0.1ms""")]
        [InlineData(@"StartupBudget = ""2""")]
        [InlineData(@"Instances = 0")]
        [InlineData(@"ReleasesPerWeek = -1")]
        [InlineData(@"Target = (DeploymentTarget)7")]
        [InlineData(@"Os = (TargetOs)3")]
        public Task DA0002_bad_named_arguments(string argument) => Analyzer(
            "[Workload(\"api\", WorkloadInterface.Web, DataSensitivity.Internal, {|DA0002:" + argument + "|})]\nclass Api { }");

        [Theory]
        [InlineData(@"""Payments API""")]
        [InlineData(@"""""")]
        [InlineData(@"null")]
        [InlineData(@"""a-name-that-is-far-too-long-for-a-workload-because-it-has-more-than-63""")]
        public Task DA0002_bad_name_at_the_name_argument(string name) => Analyzer(
            "[Workload({|DA0002:" + name + "|}, WorkloadInterface.Web, DataSensitivity.Internal)]\nclass Api { }");

        [Fact]
        public Task DA0002_bad_enum_values_at_the_positional_argument() => Analyzer(@"
[Workload(""api"", {|DA0002:(WorkloadInterface)9|}, {|DA0002:(DataSensitivity)(-1)|})]
class Api { }");

        [Fact]
        public Task DA0002_stops_evaluation_but_not_other_schema_errors() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Gui, DataSensitivity.Internal, {|DA0002:StartupBudget = ""fast""|}, {|DA0002:SizeBudget = ""big""|}, Target = DeploymentTarget.Container)]
class Api { }");

        // DA0004: duplicate names, at the later name argument.
        [Fact]
        public Task DA0004_duplicate_name_at_the_later_name_argument() => Analyzer(@"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal)]
class First { }
[Workload({|#0:""api""|}, WorkloadInterface.Cli, DataSensitivity.Internal)]
class Second { }",
            Diagnostic("DA0004").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
                .WithMessage("workload name 'api' is already used by /0/Test0.cs:3:11; names must be unique across a run"));

        [Fact]
        public async Task DA0004_across_files_takes_the_later_path()
        {
            var test = new Test();
            test.TestState.Sources.Add(("/0/B.cs", Usings + "[Workload({|DA0004:\"api\"|}, WorkloadInterface.Web, DataSensitivity.Internal)] class B { }"));
            test.TestState.Sources.Add(("/0/A.cs", Usings + "[Workload(\"api\", WorkloadInterface.Web, DataSensitivity.Internal)] class A { }"));
            await test.RunAsync();
        }

        // Assembly-level, structs, partial and nested types.
        [Fact]
        public Task Assembly_attribute_is_evaluated() => Analyzer(@"
[assembly: Workload(""report-designer"", WorkloadInterface.Gui, DataSensitivity.Internal, {|DA2001:Target = DeploymentTarget.Container|})]
class C { }");

        [Fact]
        public Task Assembly_attribute_without_findings_reports_nothing() => Analyzer(@"
[assembly: Workload(""report-designer"", WorkloadInterface.Gui, DataSensitivity.Internal)]
class C { }");

        [Fact]
        public Task Assembly_and_type_with_the_same_name_are_duplicates() => Analyzer(@"
[assembly: Workload(""svc"", WorkloadInterface.Web, DataSensitivity.Internal)]
[Workload({|DA0004:""svc""|}, WorkloadInterface.Web, DataSensitivity.Internal)]
class C { }");

        [Fact]
        public Task Partial_type_is_one_workload() => Analyzer(@"
[Workload(""designer"", WorkloadInterface.Gui, DataSensitivity.Internal, {|DA2001:Target = DeploymentTarget.SandboxedContainer|})]
partial class Designer { }
partial class Designer { void M() { } }");

        [Fact]
        public Task Nested_and_record_types_are_workloads_of_their_own() => Analyzer(@"
class Outer
{
    [Workload(""inner"", WorkloadInterface.Gui, DataSensitivity.Internal, {|DA2001:Target = DeploymentTarget.Container|})]
    class Inner { }
}
[Workload(""rec"", WorkloadInterface.Web, DataSensitivity.Restricted, {|DA1001:Target = DeploymentTarget.Container|})]
record R(int X);
[Workload(""recs"", WorkloadInterface.Web, DataSensitivity.Restricted, {|DA1001:Target = DeploymentTarget.Container|})]
record struct S(int X);");
    }
}
