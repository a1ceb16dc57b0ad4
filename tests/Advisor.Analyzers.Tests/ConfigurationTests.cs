using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>.editorconfig and global config: severities, disabled rules and platform profile overrides.</summary>
    public class ConfigurationTests
    {
        internal static Task WithConfig(string config, string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = Usings + source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + config + "\n"));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // Raising a warning to error is checked in a real build (ConsumerBuildTests): the testing
        // library's compilation keeps warning-level diagnostics at warning.
        [Fact]
        public Task Info_is_raised_to_warning_through_editorconfig() => WithConfig("dotnet_diagnostic.DA4002.severity = warning", @"
[Workload(""site"", WorkloadInterface.Web, DataSensitivity.Public, {|#0:Target = DeploymentTarget.Vm|})]
class Site { }", Diagnostic("DA4002").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));

        [Fact]
        public Task Severity_is_lowered_through_editorconfig() => WithConfig("dotnet_diagnostic.DA2001.severity = suggestion", @"
[Workload(""designer"", WorkloadInterface.Gui, DataSensitivity.Internal, {|#0:Target = DeploymentTarget.Container|})]
class Designer { }", Diagnostic("DA2001").WithLocation(0).WithSeverity(DiagnosticSeverity.Info));

        [Fact]
        public Task A_disabled_excluding_rule_no_longer_excludes() => WithConfig("dotnet_diagnostic.DA1001.severity = none", @"
[Workload(""pay"", WorkloadInterface.Web, DataSensitivity.Restricted, {|#0:Target = DeploymentTarget.Container|})]
class Pay { }", Diagnostic("DA4002").WithLocation(0).WithMessage(VmRanksFirst));

        /// <summary>A restricted web workload planned on a container: DA1001, or DA4002 where DA1001 is off.</summary>
        private const string Pay = @"
[Workload(""pay-{0}"", WorkloadInterface.Web, DataSensitivity.Restricted, {{|#{0}:Target = DeploymentTarget.Container|}})]
class Pay{0} {{ }}";

        private const string VmRanksFirst = "planned container is feasible, but vm ranks first for this workload";

        /// <summary>Files /0/Test0.cs… each with the template filled with its number (also its markup location).</summary>
        private static Test InFiles(string template, int count, params (string Path, string Text)[] configs)
        {
            var test = new Test();
            for (int i = 0; i < count; i++) test.TestState.Sources.Add(($"/0/Test{i}.cs", Usings + string.Format(template, i)));
            foreach (var config in configs) test.TestState.AnalyzerConfigFiles.Add(config);
            return test;
        }

        [Fact]
        public Task A_rule_disabled_for_one_file_still_applies_in_the_others()
        {
            // Severities are per file: the file whose .editorconfig section turns DA1001 off gets the
            // answer without it (DA4002), the other file keeps DA1001.
            var test = InFiles(Pay, 2, ("/.editorconfig", "root = true\n\n[Test1.cs]\ndotnet_diagnostic.DA1001.severity = none\n"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithLocation(0));
            test.ExpectedDiagnostics.Add(Diagnostic("DA4002").WithLocation(1).WithMessage(VmRanksFirst));
            return test.RunAsync();
        }

        [Fact]
        public Task A_rule_disabled_for_one_file_counts_there_even_when_it_reported_nothing()
        {
            // DA3001 excludes vm (a 5s startup budget) without a finding of its own: the planned target
            // stays feasible. Turned off for Test1.cs, vm is feasible there again and ranks first, so
            // that file gets DA4002 and the other does not (the file's severity is read for rules that
            // fired, not only for rules that reported).
            const string Vault = @"
[Workload(""vault-{0}"", WorkloadInterface.Web, DataSensitivity.Restricted, StartupBudget = ""5s"", {{|#{0}:Target = DeploymentTarget.SandboxedContainer|}})]
class Vault{0} {{ }}";
            var test = InFiles(Vault, 2, ("/.editorconfig", "root = true\n\n[Test1.cs]\ndotnet_diagnostic.DA3001.severity = none\n"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA4002").WithLocation(1).WithMessage("planned sandboxed-container is feasible, but vm ranks first for this workload"));
            return test.RunAsync();
        }

        [Fact]
        public Task A_rule_disabled_by_global_config_applies_where_a_file_section_sets_it_again()
        {
            // A file's own severity wins over the configuration for all files, which is read once per compilation.
            var test = InFiles(Pay, 2,
                ("/.globalconfig", "is_global = true\ndotnet_diagnostic.DA1001.severity = none\n"),
                ("/.editorconfig", "root = true\n\n[Test1.cs]\ndotnet_diagnostic.DA1001.severity = warning\n"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA4002").WithLocation(0).WithMessage(VmRanksFirst));
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithLocation(1).WithSeverity(DiagnosticSeverity.Warning));
            return test.RunAsync();
        }

        [Fact]
        public Task A_profile_override_for_one_file_leaves_the_others_on_the_default_profile()
        {
            // Profile keys are read per options object; files no section matches share one.
            const string Api = @"
[Workload(""api-{0}"", WorkloadInterface.Web, DataSensitivity.Restricted, StartupBudget = ""10s"", {{|#{0}:Target = DeploymentTarget.Vm|}})]
class Api{0} {{ }}";
            var test = InFiles(Api, 3, ("/.editorconfig", "root = true\n\n[Test1.cs]\ndeployadvisor.profile.vm.startup = 5s\n"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA3001").WithLocation(0));
            test.ExpectedDiagnostics.Add(Diagnostic("DA3001").WithLocation(2));
            return test.RunAsync();
        }

        [Fact]
        public Task Profile_override_makes_a_target_feasible() => WithConfig("deployadvisor.profile.vm.startup = 5s", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Restricted, StartupBudget = ""10s"", Target = DeploymentTarget.Vm)]
class Api { }");

        [Fact]
        public Task Profile_override_can_exclude_a_target() => WithConfig("deployadvisor.profile.container.size_linux = 2GB\ndeployadvisor.profile.sandboxed_container.memory_overhead = 1GiB", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, SizeBudget = ""1GB"", MemoryOverheadBudget = ""600MiB"", {|#0:Target = DeploymentTarget.Container|})]
class Api { }", Diagnostic("DA3002").WithLocation(0)
            .WithMessage("budgets.size 1GB is below the smallest linux artifact of planned container (2GB); vm is recommended"));

        [Fact]
        public Task Windows_size_override_applies_to_windows_workloads() => WithConfig("deployadvisor.profile.vm.size_windows = 5GB", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Restricted, Os = TargetOs.Windows, SizeBudget = ""10GB"", Target = DeploymentTarget.Vm)]
class Api { }");

        [Fact]
        public Task Global_config_overrides_profiles_too()
        {
            var test = new Test { TestCode = Usings + @"[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Restricted, StartupBudget = ""10s"", Target = DeploymentTarget.Vm)] class Api { }" };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndeployadvisor.profile.vm.startup = 9s\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Bad_profile_value_is_DA0008_and_the_default_applies() => WithConfig("deployadvisor.profile.vm.startup = fast", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal, StartupBudget = ""10s"", {|#0:Target = DeploymentTarget.Vm|})]
class Api { }",
            Diagnostic("DA0008").WithSeverity(DiagnosticSeverity.Error),
            Diagnostic("DA3001").WithLocation(0));

        [Fact]
        public Task Unknown_profile_key_is_DA0008() => WithConfig("deployadvisor.profile.kata.startup = 1s", @"
[Workload(""api"", WorkloadInterface.Web, DataSensitivity.Internal)]
class Api { }", Diagnostic("DA0008"));
    }
}
