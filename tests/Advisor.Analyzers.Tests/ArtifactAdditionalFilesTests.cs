using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static DeployAdvisor.Analyzers.Tests.Verify;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// lint against artifacts in the analyzers: a *.workload.yaml whose spec.artifacts names other
    /// additional files (manifests, Dockerfiles, project files) gets lint's DA7000-DA7005 and the plan
    /// the artifacts deploy, each located in the file it is about.
    /// </summary>
    public class ArtifactAdditionalFilesTests
    {
        private static string Descriptor(string sensitivity, params string[] artifacts)
            => "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: web\nspec:\n  interface: web\n  security:\n    sensitivity: " + sensitivity + "\n  artifacts:\n"
               + string.Concat(System.Array.ConvertAll(artifacts, a => "    - \"" + a + "\"\n"));

        private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: example.com/web:1\n          securityContext:\n            privileged: true\n";

        private static Test With(params (string Path, string Text)[] files)
        {
            var test = new Test { TestCode = Usings + "class C { }" };
            foreach (var f in files) test.TestState.AdditionalFiles.Add((f.Path, f.Text));
            return test;
        }

        [Fact]
        public async Task Undeclared_privilege_is_DA7002_in_the_manifest_and_a_glob_without_additional_files_is_DA7000()
        {
            var test = With(("/0/svc/web.workload.yaml", Descriptor("public", "../deploy/web.yaml", "../deploy/*.Dockerfile")),
                ("/0/deploy/web.yaml", Deployment));
            test.ExpectedDiagnostics.Add(Diagnostic("DA7002").WithSpan("/0/deploy/web.yaml", 12, 13, 12, 29).WithSpan("/0/svc/web.workload.yaml", 5, 1, 5, 5)
                .WithMessage("the artifacts grant privilege that the descriptor does not declare: set spec.host.privileged: true"));
            test.ExpectedDiagnostics.Add(Diagnostic("DA7000").WithSpan("/0/svc/web.workload.yaml", 11, 7, 11, 31)
                .WithMessage("the glob '../deploy/*.Dockerfile' in spec.artifacts matches no file; it is relative to the descriptor's folder; "
                    + "the analyzers see only files given as AdditionalFiles: add the artifacts to AdditionalFiles, or run deploy-advisor lint to look on disk"));
            await test.RunAsync();
        }

        [Fact]
        public async Task The_plan_the_artifacts_deploy_is_evaluated_DA1001_at_the_pod_spec()
        {
            var test = With(("/0/web.workload.yaml", Descriptor("restricted", "deploy/*.yaml")),
                ("/0/deploy/web.yaml", Deployment.Replace("          securityContext:\n            privileged: true\n", "")));
            // The descriptor plans no target: the Deployment's plain runc is the plan, reported at its pod spec.
            test.ExpectedDiagnostics.Add(Diagnostic("DA1001").WithSpan("/0/deploy/web.yaml", 7, 5, 7, 9)
                .WithSpan("/0/web.workload.yaml", 5, 1, 5, 5).WithSpan("/0/web.workload.yaml", 8, 18, 8, 28)
                .WithMessage("restricted data must not share a kernel with other workloads, so container as the artifacts deploy it is excluded "
                    + "(deployment.hosts: shared, security.sensitivity: restricted); vm is recommended (no runtimeClassName: the default runtime, a plain container)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task Artifacts_that_agree_with_the_descriptor_raise_nothing()
        {
            var test = With(("/0/web.workload.yaml", Descriptor("public", "deploy/web.yaml", "src/Dockerfile")),
                ("/0/deploy/web.yaml", Deployment.Replace("          securityContext:\n            privileged: true\n", "")),
                ("/0/src/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n"));
            await test.RunAsync();
        }
    }
}
