using System.Linq;
using DeployAdvisor.Engine.Artifacts;
using F = DeployAdvisor.Engine.Artifacts.ArtifactFields;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    public class ComposeReaderTests
    {
        private static ScanResult Compose(string yaml, string path = "compose.yaml") => Scan.Files((path, yaml));

        [Fact]
        public void Plain_service_defaults()
        {
            var r = Compose("services:\n  db:\n    image: postgres:16\n");
            var w = r.Only();
            Assert.Equal("db", w.Name);
            Assert.Equal("headless", w.Value(F.Interface));
            Assert.Equal(1, w.Value(F.Instances));
            Assert.Equal("container", w.Value(F.Target));
            Assert.Null(w.Value(F.Privileged));
            Assert.Equal(ArtifactKind.Compose, w.Sources.Single().Kind);
            Assert.All(new[] { F.Interface, F.Instances, F.Target }, f => Assert.True(w.Fact(f).Evidence.Single().IsFallback));
            Assert.Equal(2, w.Sources.Single().Location.Span.Line);
        }

        [Theory]
        [InlineData("compose.yaml", true)]
        [InlineData("compose.yml", true)]
        [InlineData("docker-compose.yml", true)]
        [InlineData("docker-compose.prod.yaml", true)]
        [InlineData("docker-compose-dev.yml", true)]
        [InlineData("compose.override.yaml", true)]
        [InlineData("composer.yaml", false)]
        [InlineData("my-compose.yaml", false)]
        public void Compose_names(string name, bool expected) => Assert.Equal(expected, ComposeReader.IsComposeName(name));

        [Fact]
        public void Web_needs_a_published_port_and_an_http_healthcheck()
        {
            var web = Compose("services:\n  api:\n    image: x\n    ports: [\"8080:80\"]\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/health\"]\n").Only();
            Assert.Equal("web", web.Value(F.Interface));
            Assert.Equal(2, web.Fact(F.Interface).Evidence.Count);
            Assert.Equal("ports: [\"8080:80\"]", web.Fact(F.Interface).Evidence[0].Text);
            Assert.Equal("headless", Compose("services:\n  api:\n    image: x\n    ports: [\"8080:80\"]\n").Only().Value(F.Interface));
            Assert.Equal("headless", Compose("services:\n  api:\n    image: x\n    healthcheck:\n      test: wget -qO- http://localhost/\n").Only().Value(F.Interface));
            Assert.Equal("headless", Compose("services:\n  api:\n    image: x\n    ports: [\"5432:5432\"]\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\n").Only().Value(F.Interface));
            Assert.Equal("web", Compose("services:\n  api:\n    image: x\n    ports:\n      - target: 80\n        published: 8080\n    healthcheck:\n      test: wget -qO- http://localhost/\n").Only().Value(F.Interface));
        }

        [Fact]
        public void Platform_windows()
        {
            var w = Compose("services:\n  app:\n    image: x\n    platform: windows/amd64\n").Only();
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Equal("platform: windows/amd64", w.Fact(F.Os).Evidence.Single().Text);
        }

        [Fact]
        public void Privileged_and_capabilities()
        {
            var w = Compose("services:\n  dind:\n    image: docker:dind\n    privileged: true\n").Only();
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Equal("privileged: true", w.Fact(F.Privileged).Evidence.Single().Text);
            Assert.Equal(true, Compose("services:\n  vpn:\n    image: x\n    cap_add: [NET_ADMIN]\n").Only().Value(F.Privileged));
            Assert.Null(Compose("services:\n  web:\n    image: x\n    privileged: false\n    cap_add: [CHOWN, NET_BIND_SERVICE]\n").Only().Value(F.Privileged));
            var mod = Compose("services:\n  m:\n    image: x\n    cap_add:\n      - CAP_SYS_MODULE\n").Only();
            Assert.Equal(true, mod.Value(F.KernelModules));
            Assert.Equal(true, mod.Value(F.Privileged));
        }

        [Theory]
        [InlineData("pid: host")]
        [InlineData("ipc: host")]
        [InlineData("network_mode: host")]
        [InlineData("volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]")]
        [InlineData("volumes: [\"/proc:/host/proc:ro\"]")]
        [InlineData("volumes: [\"/:/rootfs:ro\"]")]
        [InlineData("volumes: [\"/sys/fs/cgroup:/sys/fs/cgroup\"]")]
        [InlineData("volumes: [\"/var/lib/docker/:/var/lib/docker:ro\"]")]
        [InlineData("volumes: [\"/run/containerd/containerd.sock:/run/containerd/containerd.sock\"]")]
        [InlineData("volumes:\n      - type: bind\n        source: /var/run\n        target: /var/run")]
        public void Host_access(string line)
        {
            var w = Compose($"services:\n  agent:\n    image: x\n    {line}\n").Only();
            Assert.Equal(true, w.Value(F.HostAccess));
        }

        [Theory]
        [InlineData("pid: \"service:db\"")]
        [InlineData("network_mode: bridge")]
        [InlineData("volumes: [\"./data:/data\", \"db-data:/var/lib/postgresql/data\", \"/srv/app:/app\"]")]
        [InlineData("volumes:\n      - type: volume\n        source: proc\n        target: /proc")]
        public void Not_host_access(string line)
        {
            var w = Compose($"services:\n  app:\n    image: x\n    {line}\n").Only();
            Assert.Null(w.Value(F.HostAccess));
        }

        [Fact]
        public void Lib_modules_bind_is_kernel_modules()
            => Assert.Equal(true, Compose("services:\n  m:\n    image: x\n    volumes: [\"/lib/modules:/lib/modules:ro\"]\n").Only().Value(F.KernelModules));

        [Fact]
        public void Devices()
        {
            var gpu = Compose("services:\n  ml:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n").Only();
            Assert.Equal(new[] { "gpu" }, gpu.Devices());
            Assert.Equal(new[] { "gpu" }, Compose("services:\n  ml:\n    image: x\n    devices: [\"/dev/nvidia0:/dev/nvidia0\"]\n").Only().Devices());
            Assert.Equal(new[] { "gpu" }, Compose("services:\n  ml:\n    image: x\n    devices: [\"/dev/dri:/dev/dri\"]\n").Only().Devices());
            Assert.Equal(new[] { "gpu", "usb" }, Compose("services:\n  ml:\n    image: x\n    devices: [\"/dev/bus/usb:/dev/bus/usb\", \"/dev/dri/renderD128\"]\n").Only().Devices());
            Assert.Null(Compose("services:\n  ml:\n    image: x\n    devices: [\"/dev/ttyUSB0:/dev/ttyUSB0\"]\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [tpu]\n").Only().Value(F.Devices));
        }

        [Fact]
        public void Replicas_and_runtime()
        {
            Assert.Equal(4, Compose("services:\n  w:\n    image: x\n    deploy:\n      replicas: 4\n").Only().Value(F.Instances));
            Assert.Equal("sandboxed-container", Compose("services:\n  w:\n    image: x\n    runtime: runsc\n").Only().Value(F.Target));
            Assert.Equal("sandboxed-container", Compose("services:\n  w:\n    image: x\n    runtime: io.containerd.kata.v2\n").Only().Value(F.Target));
            Assert.Equal("sandboxed-container", Compose("services:\n  w:\n    image: x\n    isolation: hyperv\n").Only().Value(F.Target));
            Assert.Equal("container", Compose("services:\n  w:\n    image: x\n    runtime: nvidia\n").Only().Value(F.Target));
            Assert.Equal("container", Compose("services:\n  w:\n    image: x\n    isolation: process\n").Only().Value(F.Target));
        }

        [Fact]
        public void Anchors_and_merge_keys()
        {
            var yaml = "x-common: &common\n  image: x\n  privileged: true\n  deploy:\n    replicas: 2\nx-more: &more\n  runtime: kata\n  privileged: false\nservices:\n  a:\n    <<: *common\n  b:\n    <<: [*more, *common]\n  c:\n    <<: *common\n    deploy:\n      replicas: 5\n";
            var r = Compose(yaml);
            Assert.Equal(new[] { "a", "b", "c" }, r.Workloads.Select(w => w.Name));
            var a = r.Named("a");
            Assert.Equal(true, a.Value(F.Privileged));
            Assert.Equal(3, a.Fact(F.Privileged).Evidence.Single().Location.Span.Line);
            Assert.Equal(2, a.Value(F.Instances));
            var b = r.Named("b");
            Assert.Null(b.Value(F.Privileged));            // the first merged mapping wins: privileged: false
            Assert.Equal("sandboxed-container", b.Value(F.Target));
            Assert.Equal(5, r.Named("c").Value(F.Instances));
            Assert.Empty(r.Findings);
        }

        [Theory]
        [InlineData("${RUNTIME:-runsc}", "sandboxed-container")]
        [InlineData("${RUNTIME-runsc}", "sandboxed-container")]
        [InlineData("${RUNTIME:-${FALLBACK:-kata}}", "sandboxed-container")]
        [InlineData("${RUNTIME}", "container")]
        [InlineData("$RUNTIME", "container")]
        [InlineData("${RUNTIME:?set it}", "container")]
        public void Interpolation(string written, string target)
        {
            var w = Compose($"services:\n  w:\n    image: x\n    runtime: \"{written}\"\n").Only();
            Assert.Equal(target, w.Value(F.Target));
        }

        [Fact]
        public void Interpolation_rules()
        {
            Assert.Equal("a$b", ComposeReader.Interpolate("a$$b"));
            Assert.Equal("x-y", ComposeReader.Interpolate("${A:-x}-${B-y}"));
            Assert.Equal("kata", ComposeReader.Interpolate("${A:-${B:-kata}}"));
            Assert.Equal("", ComposeReader.Interpolate("${A:+set}"));
            Assert.Null(ComposeReader.Interpolate("${A}"));
            Assert.Null(ComposeReader.Interpolate("${A:-x"));
            Assert.Equal("plain", ComposeReader.Interpolate("plain"));
        }

        [Fact]
        public void Unknown_replicas_give_no_instances()
        {
            var w = Compose("services:\n  w:\n    image: x\n    deploy:\n      replicas: ${REPLICAS}\n").Only();
            Assert.Null(w.Value(F.Instances));
            Assert.Equal(2, Compose("services:\n  w:\n    image: x\n    deploy:\n      replicas: ${REPLICAS:-2}\n").Only().Value(F.Instances));
        }

        [Fact]
        public void Override_file_merges_into_its_base()
        {
            var r = Scan.Files(
                ("app/docker-compose.yml", "services:\n  web:\n    image: x\n    ports: [\"80:80\"]\n    privileged: false\n  db:\n    image: postgres\n"),
                ("app/docker-compose.override.yml", "services:\n  web:\n    healthcheck:\n      test: curl -f http://localhost/\n    runtime: runsc\n  tools:\n    image: busybox\n    profiles: [debug]\n"));
            Assert.Equal(new[] { "web", "db", "tools" }, r.Workloads.Select(w => w.Name));
            var web = r.Named("web");
            Assert.Equal("web", web.Value(F.Interface));
            Assert.Equal("sandboxed-container", web.Value(F.Target));
            Assert.Equal("app/docker-compose.override.yml", web.Fact(F.Target).Evidence.Single().Location.File);
            Assert.Equal(new[] { "app/docker-compose.yml", "app/docker-compose.override.yml" }, web.Artifacts);
            Assert.Equal(new[] { "app/docker-compose.yml" }, r.Named("db").Artifacts);
            Assert.Contains(r.Named("tools").Notes, n => n.Contains("profile"));
        }

        [Fact]
        public void Override_replaces_scalars()
        {
            var r = Scan.Files(
                ("compose.yaml", "services:\n  a:\n    image: x\n    privileged: true\n    deploy: {replicas: 3}\n"),
                ("compose.override.yaml", "services:\n  a:\n    privileged: false\n    deploy: {replicas: 1}\n"));
            var a = r.Only();
            Assert.Null(a.Value(F.Privileged));
            Assert.Equal(1, a.Value(F.Instances));
        }

        [Fact]
        public void Extends_in_the_same_file_and_in_another_scanned_file()
        {
            var r = Scan.Files(
                ("compose.yaml", "services:\n  base:\n    image: x\n    cap_add: [SYS_ADMIN]\n  worker:\n    extends: base\n    deploy: {replicas: 2}\n  api:\n    extends:\n      file: common/services.yml\n      service: gpu\n  lost:\n    extends:\n      file: ../elsewhere.yml\n      service: x\n"),
                ("common/services.yml", "services:\n  gpu:\n    image: y\n    devices: [\"/dev/nvidia0\"]\n"));
            Assert.Equal(true, r.Named("worker").Value(F.Privileged));
            Assert.Equal(2, r.Named("worker").Value(F.Instances));
            var api = r.Named("api");
            Assert.Equal(new[] { "gpu" }, api.Devices());
            Assert.Equal("compose.yaml", api.Sources.Single().Location.File);
            Assert.Equal("compose.yaml", api.Fact(F.Target).Evidence.Single().Location.File);
            Assert.Equal("compose.yaml", api.Artifacts[0]);
            Assert.Equal("common/services.yml", api.Fact(F.Devices).Evidence.Single().Location.File);
            Assert.Contains("common/services.yml", api.Artifacts);
            Assert.Contains(r.Notes, n => n.Message.Contains("elsewhere.yml"));
            Assert.DoesNotContain(r.Workloads, w => w.Name == "gpu");   // services.yml is not a compose file name
        }

        [Fact]
        public void Include_is_followed_and_not_read_twice()
        {
            var r = Scan.Files(
                ("compose.yaml", "include:\n  - infra/compose.yaml\n  - path: missing/compose.yaml\nservices:\n  app:\n    image: x\n"),
                ("infra/compose.yaml", "services:\n  agent:\n    image: y\n    pid: host\n"));
            Assert.Equal(new[] { "app", "agent" }, r.Workloads.Select(w => w.Name));
            Assert.Equal(true, r.Named("agent").Value(F.HostAccess));
            Assert.Equal("infra/compose.yaml", r.Named("agent").Fact(F.HostAccess).Evidence.Single().Location.File);
            Assert.Single(r.Notes, n => n.Message.Contains("missing/compose.yaml"));
        }

        [Fact]
        public void Malformed_compose_is_DA0001_and_the_others_go_on()
        {
            var r = Scan.Files(("a/compose.yaml", "services:\n  web:\n    image: [x\n"), ("b/compose.yaml", "services:\n  db:\n    image: y\n"));
            Assert.Equal("db", r.Only().Name);
            var f = Assert.Single(r.Findings);
            Assert.Equal("DA0001", f.RuleId);
            Assert.Equal("a/compose.yaml", f.Location!.File);
        }

        [Fact]
        public void Recursive_alias_and_merge_bombs_are_DA0007_not_a_hang()
        {
            var yaml = "x-a: &a\n  b: &b [*a, *a]\nservices:\n  s:\n    <<: *a\n    image: x\n";
            var r = Compose(yaml);
            Assert.Contains(r.Findings, f => f.RuleId == "DA0007" || f.RuleId == "DA0001");
            var laughs = "x-0: &l0 [a, a, a, a, a, a, a, a, a, a]\n";
            for (int i = 1; i < 9; i++) laughs += $"x-{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n";
            laughs += "services:\n  s:\n    image: x\n";
            Assert.Contains(Compose(laughs).Findings, f => f.RuleId == "DA0007");
        }

        [Fact]
        public void Top_level_not_a_mapping_is_a_finding()
        {
            var r = Compose("- a\n- b\n");
            Assert.Empty(r.Workloads);
            Assert.Equal("DA0001", Assert.Single(r.Findings).RuleId);
        }
    }
}
