using System;
using System.IO;
using System.Text;

namespace DeployAdvisor.Bench.Corpus
{
    /// <summary>
    /// A repository of artifacts for `infer` and lint against artifacts, and descriptors for the baseline:
    /// <list type="bullet">
    /// <item><c>repo/services/&lt;team&gt;/&lt;name&gt;/</c>: one Kubernetes manifest (a Deployment, with a Service
    /// a third of the time) in <c>deploy/&lt;name&gt;.yaml</c> and one multi-stage Dockerfile per workload;</item>
    /// <item><c>with-artifacts/&lt;team&gt;/&lt;name&gt;.workload.yaml</c>: a descriptor per workload whose
    /// spec.artifacts names its manifest and its Dockerfile;</item>
    /// <item><c>plain/&lt;team&gt;/&lt;name&gt;.workload.yaml</c>: the same descriptors without spec.artifacts.</item>
    /// </list>
    /// The manifests vary as real ones do (replicas, probes, named ports, a sandbox runtime class, a GPU,
    /// sometimes privilege); the descriptors mostly agree with them, a few do not (DA7002, DA7003).
    /// </summary>
    public static class ArtifactCorpus
    {
        private static readonly string[] Teams = { "payments", "identity", "search", "catalog", "checkout", "ml-platform", "data", "edge", "observability", "billing", "support", "security" };
        private static readonly string[] Nouns = { "api", "worker", "gateway", "indexer", "scheduler", "renderer", "ingest", "exporter", "proxy", "cache", "reporter", "sync" };

        public static (int Workloads, long Bytes) Write(string root, int count, int seed)
        {
            var rng = new Random(seed);
            var utf8 = new UTF8Encoding(false);
            long bytes = 0;
            void Put(string path, string text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var b = utf8.GetBytes(text);
                File.WriteAllBytes(path, b);
                bytes += b.Length;
            }
            for (int i = 0; i < count; i++)
            {
                var team = Teams[i % Teams.Length];
                var name = $"{Nouns[rng.Next(Nouns.Length)]}-{i:00000}";
                bool web = rng.NextDouble() < 0.6;
                bool sandboxed = rng.NextDouble() < 0.1;
                bool privileged = rng.NextDouble() < 0.05;
                bool gpu = rng.NextDouble() < 0.03;
                bool agrees = rng.NextDouble() < 0.95;   // the rest forget a privilege or a device the manifest has
                int replicas = 1 + rng.Next(4);
                var service = Path.Combine(root, "repo", "services", team, name);
                Put(Path.Combine(service, "deploy", name + ".yaml"), Manifest(rng, name, web, sandboxed, privileged, gpu, replicas));
                Put(Path.Combine(service, "Dockerfile"), Dockerfile(rng, name, web));
                var sensitivity = sandboxed ? "confidential" : rng.NextDouble() < 0.3 ? "public" : "internal";
                var descriptor = Descriptor(name, web, sensitivity, agrees && privileged, agrees && gpu, sandboxed, replicas);
                Put(Path.Combine(root, "plain", team, name + ".workload.yaml"), descriptor);
                Put(Path.Combine(root, "with-artifacts", team, name + ".workload.yaml"), descriptor
                    + $"  artifacts:\n    - ../../repo/services/{team}/{name}/deploy/{name}.yaml\n    - ../../repo/services/{team}/{name}/Dockerfile\n");
            }
            return (count, bytes);
        }

        private static string Manifest(Random rng, string name, bool web, bool sandboxed, bool privileged, bool gpu, int replicas)
        {
            var sb = new StringBuilder();
            sb.Append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ").Append(name).Append("\n  labels:\n    app: ").Append(name)
              .Append("\nspec:\n  replicas: ").Append(replicas).Append("\n  selector:\n    matchLabels:\n      app: ").Append(name)
              .Append("\n  template:\n    metadata:\n      labels:\n        app: ").Append(name).Append("\n    spec:\n");
            if (sandboxed) sb.Append("      runtimeClassName: kata\n");
            sb.Append("      containers:\n        - name: ").Append(name).Append("\n          image: registry.example.com/").Append(name).Append(":1.").Append(rng.Next(40)).Append('\n');
            sb.Append("          env:\n");
            for (int e = 0, n = 2 + rng.Next(5); e < n; e++) sb.Append("            - name: SETTING_").Append(e).Append("\n              value: \"").Append(rng.Next(100000)).Append("\"\n");
            if (web)
            {
                sb.Append("          ports:\n            - name: http\n              containerPort: 8080\n");
                sb.Append("          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n            periodSeconds: 5\n");
                if (rng.NextDouble() < 0.5) sb.Append("          startupProbe:\n            httpGet:\n              path: /healthz\n              port: http\n            failureThreshold: ").Append(6 + rng.Next(20)).Append("\n            periodSeconds: 5\n");
            }
            sb.Append("          resources:\n            requests:\n              cpu: ").Append(100 * (1 + rng.Next(8))).Append("m\n              memory: ").Append(128 * (1 + rng.Next(8))).Append("Mi\n");
            if (gpu) sb.Append("            limits:\n              nvidia.com/gpu: 1\n");
            if (privileged) sb.Append("          securityContext:\n            privileged: true\n");
            if (rng.NextDouble() < 0.3)
                sb.Append("        - name: log-forwarder\n          image: registry.example.com/fluent-bit:3.1\n          resources:\n            requests:\n              cpu: 50m\n");
            if (web && rng.NextDouble() < 0.33)
                sb.Append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ").Append(name).Append("\nspec:\n  selector:\n    app: ").Append(name)
                  .Append("\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n");
            return sb.ToString();
        }

        private static string Dockerfile(Random rng, string name, bool web)
        {
            var project = name.Replace("-", "_");
            var sb = new StringBuilder();
            sb.Append("# syntax=docker/dockerfile:1\nARG DOTNET_VERSION=8.0\nFROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build\nWORKDIR /src\n");
            sb.Append("COPY ").Append(project).Append(".csproj ./\nRUN dotnet restore\nCOPY . .\n");
            sb.Append("RUN dotnet publish -c Release -o /app \\\n    --no-restore \\\n    -p:UseAppHost=false\n\n");
            sb.Append("FROM mcr.microsoft.com/dotnet/").Append(web ? "aspnet" : "runtime").Append(":${DOTNET_VERSION}\nWORKDIR /app\nCOPY --from=build /app .\n");
            if (web) sb.Append("EXPOSE 8080\nENV ASPNETCORE_URLS=http://+:8080\n");
            if (rng.NextDouble() < 0.5) sb.Append("USER app\n");
            sb.Append("ENTRYPOINT [\"dotnet\", \"").Append(project).Append(".dll\"]\n");
            return sb.ToString();
        }

        private static string Descriptor(string name, bool web, string sensitivity, bool privileged, bool gpu, bool sandboxed, int replicas)
        {
            var sb = new StringBuilder();
            sb.Append("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: ").Append(name).Append("\n  owner: team-bench\nspec:\n  interface: ")
              .Append(web ? "web" : "headless").Append("\n  security:\n    sensitivity: ").Append(sensitivity).Append('\n');
            if (privileged || gpu)
            {
                sb.Append("  host:\n");
                if (privileged) sb.Append("    privileged: true\n");
                if (gpu) sb.Append("    devices: [gpu]\n");
            }
            sb.Append("  operations:\n    instances: ").Append(replicas).Append('\n');
            if (sandboxed) sb.Append("  deployment:\n    target: sandboxed-container\n");
            return sb.ToString();
        }
    }
}
