using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Engine.Artifacts;
using F = DeployAdvisor.Engine.Artifacts.ArtifactFields;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    public class ArtifactScannerTests
    {
        [Theory]
        [InlineData("WebApiTemplate.App", "webapitemplate-app")]
        [InlineData("My__Service  v2", "my-service-v2")]
        [InlineData("cartservice", "cartservice")]
        [InlineData("Ünïcode", "-n-code")]
        public void Names_are_made_descriptor_valid(string raw, string expected)
            => Assert.Equal(expected, Scan.Files(($"{raw}/{raw}.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />")).Only().Name);

        [Fact]
        public void Long_names_are_cut_to_63_and_suffixes_fit()
        {
            var raw = new string('a', 80);
            var r = Scan.Files(($"x/{raw}.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />"), ($"y/{raw}.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />"));
            Assert.Equal(new[] { new string('a', 63), new string('a', 61) + "-2" }, r.Workloads.Select(w => w.Name));
        }

        [Fact]
        public void Duplicate_names_get_a_suffix_and_a_note_on_both()
        {
            var dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers: [{name: api, image: x}]\n";
            var r = Scan.Files(("dev/api.yaml", dep), ("prod/api.yaml", dep), ("compose.yaml", "services:\n  api:\n    image: x\n"));
            Assert.Equal(new[] { "api", "api-2", "api-3" }, r.Workloads.Select(w => w.Name));
            Assert.Equal("compose service api", r.Named("api").Sources.Single().Description);
            Assert.Contains(r.Named("api-2").Notes, n => n.Contains("'api-2'") && n.Contains("dev/api.yaml"));
            Assert.Equal(2, r.Named("api").Notes.Count);
        }

        [Fact]
        public void Dockerfile_joins_the_compose_service_that_builds_it()
        {
            var r = Scan.Files(
                ("compose.yaml", "services:\n  shop:\n    build:\n      context: ./app\n      dockerfile: build/Dockerfile.prod\n"),
                ("app/build/Dockerfile.prod", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"),
                ("app/Dockerfile", "FROM node:20\n"));
            Assert.Equal(new[] { "shop", "app" }, r.Workloads.Select(w => w.Name));
            Assert.Equal("nanoserver", r.Named("shop").Value(F.WindowsImage));
            Assert.Contains("app/build/Dockerfile.prod", r.Named("shop").Artifacts);
        }

        [Fact]
        public void Dockerfile_joins_the_nearest_folder_named_like_a_workload()
        {
            var dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cartservice}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: x}]\n";
            var r = Scan.Files(("k8s/cart.yaml", dep), ("src/cartservice/src/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"));
            var w = r.Only();
            Assert.Equal("cartservice", w.Name);
            Assert.Equal("servercore", w.Value(F.WindowsImage));
            Assert.Equal(new[] { ArtifactKind.Kubernetes, ArtifactKind.Dockerfile }, w.Sources.Select(s => s.Kind));
        }

        [Fact]
        public void Dockerfile_of_its_own_is_named_after_its_folder_or_the_root()
        {
            var r = Scan.Files(new ArtifactScanOptions { RootName = "My.Repo" },
                ("Dockerfile", "FROM node:20\n"), ("tools/Builder/Dockerfile", "FROM node:20\n"), ("tools/Builder/Dockerfile.windows", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"));
            Assert.Equal(new[] { "my-repo", "builder" }, r.Workloads.Select(w => w.Name));
            Assert.Equal(2, r.Named("builder").Artifacts.Count);
            Assert.Equal("root", Scan.Files(("Dockerfile", "FROM node:20\n")).Only().Name);
        }

        [Fact]
        public void Project_joins_the_workload_of_the_dockerfile_in_its_folder_else_by_name_else_its_own()
        {
            var compose = "services:\n  storefront:\n    build: ./web\n  billing:\n    image: x\n";
            var r = Scan.Files(("compose.yaml", compose),
                ("web/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n"),
                ("web/Shop.Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />"),
                ("src/Billing/Billing.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\" />"),
                ("src/Admin/Admin.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><UseWPF>true</UseWPF></PropertyGroup></Project>"));
            Assert.Equal(new[] { "storefront", "billing", "admin" }, r.Workloads.Select(w => w.Name));
            Assert.Contains("web/Shop.Web.csproj", r.Named("storefront").Artifacts);
            Assert.Contains("src/Billing/Billing.csproj", r.Named("billing").Artifacts);
            Assert.Equal("gui", r.Named("admin").Value(F.Interface));
        }

        [Fact]
        public void Single_valued_fields_conflict_with_both_values_and_evidence()
        {
            var r = Scan.Files(
                ("compose.yaml", "services:\n  api:\n    build: ./api\n    ports: [\"80:80\"]\n"),
                ("api/Dockerfile", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"),
                ("api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net48</TargetFramework></PropertyGroup></Project>"));
            var w = r.Only();
            var conflicts = w.Conflicts.ToDictionary(c => c.Field);
            Assert.Equal(new[] { F.Interface, F.WindowsImage }, conflicts.Keys.OrderBy(k => k));
            Assert.Equal(new object[] { "headless", "web" }, conflicts[F.Interface].Candidates.Select(c => c.Value));
            Assert.Equal(new object[] { "nanoserver", "servercore" }, conflicts[F.WindowsImage].Candidates.Select(c => c.Value));
            Assert.Equal("api/Dockerfile", conflicts[F.WindowsImage].Candidates[0].Evidence.Single().Location.File);
            Assert.False(w.Fields.ContainsKey(F.Interface));
            Assert.Equal("windows", w.Value(F.Os));            // both say windows: no conflict
            Assert.Equal(2, w.Fact(F.Os).Evidence.Count);
        }

        [Fact]
        public void Union_fields_never_conflict()
        {
            var r = Scan.Files(
                ("compose.yaml", "services:\n  ml:\n    build: .\n    devices: [\"/dev/bus/usb\"]\n    privileged: false\n    cap_add: [SYS_ADMIN]\n"),
                ("Dockerfile", "FROM x\n"),
                ("Ml.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"TorchSharp-cuda-linux\" Version=\"0.1\" /></ItemGroup></Project>"));
            var w = r.Only();
            Assert.Empty(w.Conflicts);
            Assert.Equal(new[] { "gpu", "usb" }, w.Devices());
            Assert.Equal(true, w.Value(F.Privileged));
        }

        [Fact]
        public void No_input_and_unknown_files_give_nothing()
        {
            var r = Scan.Files(("README.md", "# hi"), ("src/app.cs", "class A {}"), ("values.yaml", "replicaCount: 1\n"));
            Assert.Empty(r.Workloads);
            Assert.Empty(r.Findings);
            Assert.Empty(r.Notes);
            Assert.Empty(ArtifactScanner.Scan(Array.Empty<ArtifactFile>()).Workloads);
        }

        [Fact]
        public void Backslash_paths_are_normalized()
        {
            var r = Scan.Files(("src\\Api\\Dockerfile", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"));
            Assert.Equal("api", r.Only().Name);
            Assert.Equal("src/Api/Dockerfile", r.Only().Fact(F.Os).Evidence.Single().Location.File);
        }

        [Theory]
        [InlineData("src/Api/Dockerfile", "src/Api/Dockerfile")]
        [InlineData("./src/Api/Dockerfile", "src/Api/Dockerfile")]
        [InlineData("src//Api/Dockerfile", "src/Api/Dockerfile")]
        [InlineData("src/x/../Api/Dockerfile", "src/Api/Dockerfile")]
        [InlineData("src/Api/./Dockerfile", "src/Api/Dockerfile")]
        [InlineData("../src/Api/Dockerfile", "../src/Api/Dockerfile")]
        [InlineData("../../src/Api/Dockerfile", "../../src/Api/Dockerfile")]
        [InlineData("../src/../Api/Dockerfile", "../Api/Dockerfile")]
        [InlineData("/repo/src/Api/Dockerfile", "/repo/src/Api/Dockerfile")]
        [InlineData("/repo/../src/Api/Dockerfile", "/src/Api/Dockerfile")]
        public void Paths_are_normalized_and_normal_ones_kept(string given, string expected)
        {
            var r = Scan.Files((given, "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"));
            Assert.Equal(expected, r.Only().Fact(F.Os).Evidence.Single().Location.File);
        }

        // ---- the fixture repository ----

        private static string FixtureRoot()
            => Path.Combine(DeployAdvisor.Tests.Shared.TestRepository.Root, "tests", "Advisor.Engine.Tests", "Artifacts", "fixtures", "shop");

        private static ScanResult ScanFixture()
        {
            var root = FixtureRoot();
            var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => new ArtifactFile(p, File.ReadAllBytes(Path.Combine(root, p))))
                .ToList();
            return ArtifactScanner.Scan(files, new ArtifactScanOptions { RootName = "shop" });
        }

        /// <summary>Everything a scan says, as text: two scans that say the same give the same text.</summary>
        private static string Dump(ScanResult r)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var w in r.Workloads)
            {
                sb.Append("workload ").Append(w.Name).Append('\n');
                foreach (var s in w.Sources) sb.Append("  source ").Append(s).Append('\n');
                foreach (var f in w.Fields.Values.Concat(w.Conflicts.SelectMany(c => c.Candidates)))
                    foreach (var e in f.Evidence) sb.Append("  ").Append(e).Append(" | ").Append(e.Reason).Append(" | ").Append(e.IsFallback).Append('\n');
                sb.Append("  artifacts ").Append(string.Join(", ", w.Artifacts)).Append('\n');
                foreach (var n in w.Notes) sb.Append("  note ").Append(n).Append('\n');
            }
            foreach (var p in r.Platform) sb.Append("platform ").Append(p.RuntimeClass).Append(' ').Append(p.MemoryOverhead).Append(' ').Append(p.Location).Append('\n');
            foreach (var f in r.Findings) sb.Append("finding ").Append(f.RuleId).Append(' ').Append(f.Location).Append(' ').Append(f.Message).Append('\n');
            foreach (var n in r.Notes) sb.Append("note ").Append(n).Append('\n');
            return sb.ToString();
        }

        [Fact]
        public void Files_read_when_the_scan_reaches_them_scan_as_files_given_whole()
        {
            // More files than a batch, on every core, against the fixture and the same files given whole.
            var root = FixtureRoot();
            var texts = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(p => (Path: Path.GetRelativePath(root, p).Replace('\\', '/'), Bytes: File.ReadAllBytes(p)))
                .ToList();
            for (int i = 0; i < 700; i++)
            {
                var name = "svc-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
                texts.Add(($"many/{name}/deploy.yaml", System.Text.Encoding.UTF8.GetBytes(
                    $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {i % 4}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      containers: [{{name: {name}, image: x, ports: [{{name: http, containerPort: 80}}]}}]\n"
                    + (i % 3 == 0 ? $"---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec:\n  selector: {{app: svc-{(i + 1) % 700:D3}}}\n  ports: [{{name: http, port: 80}}]\n" : ""))));
                texts.Add(($"many/{name}/Dockerfile", System.Text.Encoding.UTF8.GetBytes("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nEXPOSE 8080\n")));
            }
            texts = texts.OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
            var byPath = texts.ToDictionary(t => t.Path, t => t.Bytes);
            int reads = 0;
            Func<string, byte[]?> read = p => { System.Threading.Interlocked.Increment(ref reads); return byPath[p]; };

            var whole = ArtifactScanner.Scan(texts.Select(t => new ArtifactFile(t.Path, t.Bytes)).ToList(), new ArtifactScanOptions { RootName = "shop" });
            var onDemand = ArtifactScanner.Scan(texts.Select(t => new ArtifactFile(t.Path, read)).ToList(), new ArtifactScanOptions { RootName = "shop", Parallel = true });

            Assert.Equal(Dump(whole), Dump(onDemand));
            Assert.True(whole.Workloads.Count > 700);
            // Manifests and Dockerfiles are read once each; compose and project files once and kept.
            Assert.Equal(texts.Count, reads);

            // A front end may make each file when the list is asked for it (infer does, to hold a path per file).
            var made = ArtifactScanner.Scan(new MadeWhenAsked(texts.Select(t => t.Path).ToList(), read), new ArtifactScanOptions { RootName = "shop", Parallel = true });
            Assert.Equal(Dump(whole), Dump(made));
        }

        /// <summary>Files made anew each time one is asked for, by its place.</summary>
        private sealed class MadeWhenAsked : IReadOnlyList<ArtifactFile>
        {
            private readonly List<string> _paths;
            private readonly Func<string, byte[]?> _read;
            public MadeWhenAsked(List<string> paths, Func<string, byte[]?> read) { _paths = paths; _read = read; }
            public int Count => _paths.Count;
            public ArtifactFile this[int index] => new ArtifactFile(_paths[index], _read);
            public IEnumerator<ArtifactFile> GetEnumerator() => _paths.Select(p => new ArtifactFile(p, _read)).GetEnumerator();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        [Fact]
        public void Evidence_made_when_facts_are_built_is_what_the_readers_found()
        {
            // A workload is held as records until its facts are built: a Deployment whose probe is its own interface
            // evidence and a Service's port inserted after it, its Dockerfile, and a project in the Dockerfile's folder.
            var deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata: {labels: {app: web}}\n"
                + "    spec:\n      containers:\n        - name: web\n          image: x\n          readinessProbe:\n            httpGet: {path: /, port: 80}\n";
            var svc = "apiVersion: v1\nkind: Service\nmetadata: {name: web-svc}\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n";
            var w = Scan.Files(("k8s/web.yaml", deploy), ("k8s/svc.yaml", svc), ("web/Dockerfile", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"),
                ("web/Web.App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />")).Only();

            Assert.Equal(new[] { "Deployment web at k8s/web.yaml:4:3", "Dockerfile web/Dockerfile at web/Dockerfile:1:1", "project Web.App.csproj at web/Web.App.csproj:1:1" },
                w.Sources.Select(s => s.ToString()));
            Assert.Equal(new[] { ArtifactKind.Kubernetes, ArtifactKind.Dockerfile, ArtifactKind.Project }, w.Sources.Select(s => s.Kind));
            Assert.Equal(new[] { "web", "web", "Web.App" }, w.Sources.Select(s => s.RawName));
            var evidence = w.Fields.Values.SelectMany(f => f.Evidence).ToList();
            // Each piece's source is its workload's source object, as the reader's was.
            Assert.All(evidence, e => Assert.Contains(w.Sources, s => ReferenceEquals(s, e.Source)));
            Assert.All(evidence, e => Assert.Contains(e.Field, w.Fields.Keys));

            // The pod's own evidence first, then the Service's inserted after it, then the project's; each with its file, span, text and reason.
            var web = w.Fact(F.Interface).Evidence;
            Assert.Equal(new[] { "k8s/web.yaml", "k8s/svc.yaml", "web/Web.App.csproj" }, web.Select(e => e.Location.File));
            Assert.Equal(new[] { ArtifactKind.Kubernetes, ArtifactKind.Kubernetes, ArtifactKind.Project }, web.Select(e => e.Kind));
            var port = web[1];
            Assert.Equal((7, 7, 7, 17), (port.Location.Span.Line, port.Location.Span.Column, port.Location.Span.EndLine, port.Location.Span.EndColumn));
            Assert.Equal("name: http", port.Text);
            Assert.Equal("web", port.Value);
            Assert.StartsWith("Service web-svc selects this pod", port.Reason);
            Assert.False(port.IsFallback);
            Assert.Equal(new[] { "k8s/web.yaml", "web/Dockerfile", "web/Web.App.csproj", "k8s/svc.yaml" }.OrderBy(p => p, StringComparer.Ordinal), w.Artifacts.OrderBy(p => p, StringComparer.Ordinal));

            // Fallbacks stay fallbacks; the Dockerfile's evidence is its own.
            var target = w.Fact(F.Target).Evidence.Single();
            Assert.True(target.IsFallback);
            Assert.Equal(("container", "spec", 8, 5), (target.Value, target.Text, target.Location.Span.Line, target.Location.Span.Column));
            var os = w.Fact(F.Os).Evidence.Single();
            Assert.Equal(("windows", "web/Dockerfile", ArtifactKind.Dockerfile), (os.Value, os.Location.File, os.Kind));
            Assert.Equal(1, w.Value(F.Instances));
        }

        [Fact]
        public void Batches_read_on_every_core_merge_as_files_read_one_by_one()
        {
            // Several batches of manifests and Dockerfiles, with malformed, unreadable, empty and oddly named files,
            // some read slowly, so that reads on every core finish out of order.
            var texts = new List<(string Path, byte[]? Bytes)>();
            for (int i = 0; i < 1100; i++)
            {
                var name = "svc-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                var folder = i % 7 == 0 ? $"odd dir/{name} é" : $"svc/{name}";
                string yaml = (i % 11) switch
                {
                    0 => "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: [broken\n",
                    1 => "",
                    _ => $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {i % 5}\n  template:\n    spec:\n      containers: [{{name: {name}, image: x, ports: [{{containerPort: {8000 + i % 3}}}]}}]\n",
                };
                texts.Add(($"{folder}/deploy.yaml", i % 13 == 5 ? null : System.Text.Encoding.UTF8.GetBytes(yaml)));
                texts.Add(($"{folder}/Dockerfile", i % 17 == 3 ? null : System.Text.Encoding.UTF8.GetBytes(
                    i % 9 == 0 ? "\0\u0001binary" : $"FROM mcr.microsoft.com/dotnet/aspnet:8.0\nEXPOSE {8080 + i % 4}\nUSER {(i % 2 == 0 ? "app" : "root")}\n")));
            }
            texts = texts.OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
            var byPath = texts.ToDictionary(t => t.Path, t => t.Bytes);
            int reads = 0;
            Func<string, byte[]?> slowly = p =>
            {
                System.Threading.Interlocked.Increment(ref reads);
                if ((p.GetHashCode() & 15) == 0) System.Threading.Thread.Sleep(1);
                return byPath[p];
            };
            Func<string, byte[]?> directly = p => byPath[p];

            var oneByOne = ArtifactScanner.Scan(texts.Select(t => new ArtifactFile(t.Path, directly)).ToList(), new ArtifactScanOptions { RootName = "repo" });
            var inBatches = ArtifactScanner.Scan(texts.Select(t => new ArtifactFile(t.Path, slowly)).ToList(), new ArtifactScanOptions { RootName = "repo", Parallel = true });

            Assert.Equal(Dump(oneByOne), Dump(inBatches));
            Assert.True(oneByOne.Workloads.Count > 900);
            Assert.Contains(oneByOne.Findings, f => f.RuleId == "DA0001");
            Assert.Equal(texts.Count, reads);
        }

        [Fact]
        public void A_file_that_cannot_be_read_is_as_if_it_had_not_been_given()
        {
            var files = new (string Path, string Text)[]
            {
                ("compose.yaml", "include:\n  - infra/compose.yaml\nservices:\n  app:\n    build: ./app\n"),
                ("infra/compose.yaml", "services:\n  db:\n    image: postgres\n"),
                ("app/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n"),
                ("app/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n"),
                ("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <UseWindowsForms>true</UseWindowsForms>\n  </PropertyGroup>\n</Project>\n"),
                ("app/Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <TargetFramework>net48</TargetFramework>\n  </PropertyGroup>\n</Project>\n"),
                ("deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: x}]\n"),
            };
            foreach (var unreadable in new[] { "infra/compose.yaml", "app/Directory.Build.props", "app/Dockerfile", "deploy/app.yaml", "compose.yaml", "app/App.csproj" })
            {
                var given = files.Where(f => f.Path != unreadable).Select(f => new ArtifactFile(f.Path, System.Text.Encoding.UTF8.GetBytes(f.Text))).ToList();
                var onDemand = files.Select(f => new ArtifactFile(f.Path, p => p == unreadable ? null : System.Text.Encoding.UTF8.GetBytes(files.Single(x => x.Path == p).Text))).ToList();
                Assert.Equal(Dump(ArtifactScanner.Scan(given)), Dump(ArtifactScanner.Scan(onDemand, new ArtifactScanOptions { Parallel = true })));
            }
        }

        [Fact]
        public void Fixture_repository_groups_as_artifacts_md_says()
        {
            var r = ScanFixture();
            Assert.Equal(new[] { "frontend", "worker", "redis", "cartservice", "frontend-2", "node-agent", "legacyapi", "shop-desktop" }, r.Workloads.Select(w => w.Name));

            var frontend = r.Named("frontend");
            Assert.Equal("web", frontend.Value(F.Interface));
            Assert.Equal(new[] { "compose.yaml", "compose.override.yaml", "src/Frontend/Dockerfile", "src/Frontend/Frontend.csproj", "Directory.Build.props" }, frontend.Artifacts);
            Assert.Equal(new[] { ArtifactKind.Compose, ArtifactKind.Dockerfile, ArtifactKind.Project }, frontend.Sources.Select(s => s.Kind));
            Assert.Empty(frontend.Conflicts);
            Assert.Contains(frontend.Notes, n => n.Contains("frontend-2"));

            var k8sFrontend = r.Named("frontend-2");
            Assert.Equal("web", k8sFrontend.Value(F.Interface));
            Assert.Equal("deploy/k8s/frontend.yaml", k8sFrontend.Fact(F.Interface).Evidence.Single().Location.File);
            Assert.Contains("Ingress shop", k8sFrontend.Fact(F.Interface).Evidence.Single().Reason);
            Assert.Equal(3, k8sFrontend.Value(F.Instances));
            Assert.Equal("container", k8sFrontend.Value(F.Target));

            var worker = r.Named("worker");
            Assert.Equal("headless", worker.Value(F.Interface));
            Assert.Equal(new[] { "gpu" }, worker.Devices());
            Assert.Equal(2, worker.Fact(F.Devices).Evidence.Count);
            Assert.Equal(1, worker.Value(F.Instances));       // a merge key is shallow: the service's own deploy replaces the anchor's
            Assert.Contains("src/worker/Worker.csproj", worker.Artifacts);

            var cart = r.Named("cartservice");
            Assert.Equal("web", cart.Value(F.Interface));
            Assert.Equal("2m", cart.Value(F.Startup));
            Assert.Equal("sandboxed-container", cart.Value(F.Target));
            Assert.Contains("kata-qemu", cart.Fact(F.Target).Evidence.Single().Reason);
            Assert.Equal(new[] { "deploy/k8s/cartservice.yaml", "src/cartservice/src/Dockerfile", "src/cartservice/src/CartService.csproj", "Directory.Build.props" }, cart.Artifacts);
            Assert.Null(cart.Value(F.Privileged));

            var agent = r.Named("node-agent");
            Assert.Equal(true, agent.Value(F.Privileged));
            Assert.Equal(true, agent.Value(F.HostAccess));
            Assert.Null(agent.Value(F.Instances));
            Assert.Equal(new[] { "hostPID: true", "path: /var/log" }, agent.Fact(F.HostAccess).Evidence.Select(e => e.Text));

            var legacy = r.Named("legacyapi");
            Assert.Equal("windows", legacy.Value(F.Os));
            Assert.Equal("servercore", legacy.Value(F.WindowsImage));
            Assert.Equal(new[] { ArtifactKind.Dockerfile, ArtifactKind.Project }, legacy.Fact(F.WindowsImage).Evidence.Select(e => e.Kind));

            var desktop = r.Named("shop-desktop");
            Assert.Equal("gui", desktop.Value(F.Interface));
            Assert.Equal("windows", desktop.Value(F.Os));

            Assert.Equal("redis", r.Workloads[2].Name);
            Assert.Equal("headless", r.Named("redis").Value(F.Interface));

            var figure = Assert.Single(r.Platform);
            Assert.Equal(("secure", "160Mi", "160MiB"), (figure.RuntimeClass, figure.MemoryOverhead, figure.Suggested));
            Assert.Equal("deploy/k8s/runtimeclass.yaml", figure.Location.File);

            var finding = Assert.Single(r.Findings);
            Assert.Equal("DA0001", finding.RuleId);
            Assert.Equal("deploy/k8s/broken.yaml", finding.Location!.File);
            Assert.Contains(r.Notes, n => n.File == "deploy/chart/templates/deployment.yaml" && n.Message.Contains("Helm"));
        }
    }
}
