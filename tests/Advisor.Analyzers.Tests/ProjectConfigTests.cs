using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>The CLI's .deployadvisor.yaml as an additional file: same profile overrides and disabled rules; .editorconfig wins.</summary>
    public class ProjectConfigTests
    {
        private static Test With(string config, string source, string? editorconfig = null)
        {
            var test = new Test { TestCode = Usings + source };
            test.TestState.AdditionalFiles.Add(("/0/.deployadvisor.yaml", config));
            if (editorconfig != null) test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorconfig + "\n"));
            return test;
        }

        private const string SlowVm = @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Restricted, StartupBudget = ""10s"", {|#0:Target = DeploymentTarget.Vm|})]
class Api { }";

        [Fact]
        public Task Profile_override_from_the_config_file_applies()
            => With("profiles:\n  - target: vm\n    startup: 5s\n", SlowVm.Replace("{|#0:", "").Replace("|}", "")).RunAsync();

        [Fact]
        public async Task Editorconfig_wins_over_the_config_file_for_the_same_figure()
        {
            var test = With("profiles:\n  - target: vm\n    startup: 5s\n", SlowVm, "deployadvisor.profile.vm.startup = 30s");
            test.ExpectedDiagnostics.Add(Diagnostic("DA3001").WithLocation(0));
            await test.RunAsync();
        }

        [Fact]
        public async Task Disabled_rule_in_the_config_file_neither_reports_nor_excludes()
        {
            var test = With("rules:\n  - id: DA1001\n    severity: off\n  - id: DA2101\n    severity: off\n", @"
[Workload(""pay"", WorkloadInterface.Web, DataSensitivity.Restricted, {|#0:Target = DeploymentTarget.Container|})]
class Pay { void M() => new System.Windows.Forms.Form(); }");
            Stubs.AddTo(test.TestState);
            test.ExpectedDiagnostics.Add(Diagnostic("DA4002").WithLocation(0));
            await test.RunAsync();
        }

        [Fact]
        public async Task Editorconfig_severity_wins_over_a_rule_disabled_in_the_config_file()
        {
            var test = With("rules:\n  - id: DA1001\n    severity: off\n", @"
[Workload(""pay"", WorkloadInterface.Web, DataSensitivity.Restricted, {|#0:Target = DeploymentTarget.Container|})]
class Pay { }", "dotnet_diagnostic.DA1001.severity = warning");
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
            await test.RunAsync();
        }

        [Fact]
        public async Task Bad_config_values_are_DA0008_where_they_are_written()
        {
            var test = With("rules:\n  - id: DA9999\n    severity: off\nprofiles:\n  - target: vm\n    startup: fast\n", "class C { }");
            test.ExpectedDiagnostics.Add(Diagnostic("DA0008").WithSpan("/0/.deployadvisor.yaml", 2, 9, 2, 15));
            test.ExpectedDiagnostics.Add(Diagnostic("DA0008").WithSpan("/0/.deployadvisor.yaml", 6, 14, 6, 18));
            await test.RunAsync();
        }
    }
}
