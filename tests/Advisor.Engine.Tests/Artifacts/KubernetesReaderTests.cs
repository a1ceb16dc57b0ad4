using System.Linq;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Findings;
using F = DeployAdvisor.Engine.Artifacts.ArtifactFields;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    public class KubernetesReaderTests
    {
        private static string Deployment(string podSpec, string name = "web", string extra = "", string templateMeta = "") => $@"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
{extra}  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
{templateMeta}    spec:
{podSpec}";

        private static WorkloadFacts One(string yaml) => Scan.Files(("deploy/app.yaml", yaml)).Only();

        [Fact]
        public void A_containers_keys_are_found_through_aliases_as_a_lookup_finds_them()
        {
            // A container's entries are read in one pass over its keys: a key written as an alias is the key it names.
            var w = One("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: al\nspec:\n  template:\n    spec:\n      containers:\n" +
                "      - name: x\n        &k livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 4}\n        ports: [{name: http}]\n" +
                "      - name: al\n        *k : {grpc: {port: 1}, failureThreshold: 2}\n        resources: {limits: {nvidia.com/gpu: 1}}\n");
            Assert.Equal(new[] { "httpGet: {path: /, port: 80}", "name: http", "grpc: {port: 1}" }, w.Fact(F.Interface).Evidence.Select(e => e.Text));
            Assert.Equal("20s", w.Value(F.Startup));
            Assert.Equal("&k livenessProbe", w.Fact(F.Startup).Evidence.Single().Text);
            Assert.Equal(new[] { "gpu" }, (System.Collections.Generic.IEnumerable<string>)w.Value(F.Devices)!);
        }

        [Fact]
        public void Plain_deployment_gives_defaults_with_evidence()
        {
            var w = One(Deployment("      containers:\n        - name: web\n          image: nginx\n"));
            Assert.Equal("web", w.Name);
            Assert.Equal("headless", w.Value(F.Interface));
            Assert.Equal(1, w.Value(F.Instances));
            Assert.Equal("container", w.Value(F.Target));
            Assert.Null(w.Value(F.Privileged));
            Assert.Null(w.Value(F.HostAccess));
            Assert.Null(w.Value(F.KernelModules));
            Assert.Null(w.Value(F.Devices));
            Assert.Null(w.Value(F.Startup));
            Assert.Null(w.Value(F.Os));
            Assert.Equal(new[] { "deploy/app.yaml" }, w.Artifacts);
            Assert.Equal(2, w.Fact(F.Instances).Evidence[0].Location.Span.Line);
            Assert.All(new[] { F.Interface, F.Instances, F.Target }, f => Assert.True(w.Fact(f).Evidence.Single().IsFallback));
        }

        [Fact]
        public void Privileged_true_is_located_with_its_text()
        {
            var w = One(Deployment("      containers:\n        - name: web\n          image: x\n          securityContext:\n            privileged: true\n"));
            var e = w.Fact(F.Privileged).Evidence.Single();
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Equal("privileged: true", e.Text);
            Assert.False(e.IsFallback);
            Assert.Equal("deploy/app.yaml", e.Location.File);
            Assert.Equal(18, e.Location.Span.Line);
            Assert.Equal(13, e.Location.Span.Column);
            Assert.Equal(ArtifactKind.Kubernetes, e.Kind);
        }

        [Fact]
        public void Privileged_false_and_baseline_capabilities_do_not_fire()
        {
            var w = One(Deployment("      containers:\n        - name: web\n          image: x\n          securityContext:\n            privileged: false\n            capabilities:\n              add: [NET_BIND_SERVICE, CHOWN, SYS_CHROOT, SETFCAP]\n"));
            Assert.Null(w.Value(F.Privileged));
            Assert.Null(w.Value(F.KernelModules));
        }

        [Theory]
        [InlineData("NET_ADMIN")]
        [InlineData("SYS_ADMIN")]
        [InlineData("CAP_SYS_PTRACE")]
        [InlineData("NET_RAW")]
        public void Capability_outside_baseline_is_privileged(string cap)
        {
            var w = One(Deployment($"      containers:\n        - name: web\n          image: x\n          securityContext:\n            privileged: false\n            capabilities:\n              add: [\"{cap}\"]\n"));
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Null(w.Value(F.KernelModules));
        }

        [Fact]
        public void Init_container_counts_for_unions_and_sys_module_is_kernel_modules()
        {
            var w = One(Deployment("      initContainers:\n        - name: setup\n          image: x\n          securityContext:\n            capabilities:\n              add:\n                - SYS_MODULE\n      containers:\n        - name: web\n          image: x\n"));
            Assert.Equal(true, w.Value(F.KernelModules));
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Equal("SYS_MODULE", w.Fact(F.KernelModules).Evidence.Single().Text);
        }

        [Fact]
        public void Host_namespaces_and_host_paths()
        {
            var w = One(Deployment("      hostNetwork: true\n      hostPID: false\n      volumes:\n        - name: dev\n          hostPath:\n            path: /dev/fuse\n        - name: logs\n          hostPath:\n            path: /var/log\n      containers:\n        - name: web\n          image: x\n"));
            Assert.Equal(true, w.Value(F.HostAccess));
            var texts = w.Fact(F.HostAccess).Evidence.Select(e => e.Text).ToList();
            Assert.Equal(new[] { "hostNetwork: true", "path: /var/log" }, texts);
            Assert.Null(w.Value(F.Privileged));
        }

        [Fact]
        public void Dev_host_path_alone_is_not_host_access()
        {
            var w = One(Deployment("      volumes:\n        - name: dev\n          hostPath:\n            path: /dev/kvm\n      containers:\n        - name: web\n          image: x\n"));
            Assert.Null(w.Value(F.HostAccess));
        }

        [Fact]
        public void Lib_modules_mount_is_kernel_modules_and_host_access()
        {
            var w = One(Deployment("      volumes:\n        - name: m\n          hostPath: {path: /lib/modules}\n      containers:\n        - name: web\n          image: x\n"));
            Assert.Equal(true, w.Value(F.KernelModules));
            Assert.Equal(true, w.Value(F.HostAccess));
        }

        [Fact]
        public void Windows_host_process_is_privileged_and_host_access()
        {
            var w = One(Deployment("      securityContext:\n        windowsOptions:\n          hostProcess: true\n          runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n      hostNetwork: true\n      nodeSelector:\n        kubernetes.io/os: windows\n      containers:\n        - name: web\n          image: x\n"));
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Equal(true, w.Value(F.HostAccess));
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Equal("kubernetes.io/os: windows", w.Fact(F.Os).Evidence.Single().Text);
        }

        [Theory]
        [InlineData("nvidia.com/gpu", "limits")]
        [InlineData("amd.com/gpu", "requests")]
        [InlineData("gpu.intel.com/i915", "limits")]
        public void Gpu_resources_are_devices(string resource, string section)
        {
            var w = One(Deployment($"      containers:\n        - name: web\n          image: x\n          resources:\n            {section}:\n              {resource}: 1\n"));
            Assert.Equal(new[] { "gpu" }, w.Devices());
        }

        [Fact]
        public void Other_resources_are_not_devices()
        {
            var w = One(Deployment("      containers:\n        - name: web\n          image: x\n          resources:\n            limits:\n              memory: 1Gi\n              example.com/fpga: 1\n"));
            Assert.Null(w.Value(F.Devices));
        }

        [Fact]
        public void Startup_budget_from_startup_probe_as_shortest_literal()
        {
            var w = One(Deployment("      containers:\n        - name: web\n          image: x\n          livenessProbe:\n            tcpSocket: {port: 80}\n          startupProbe:\n            tcpSocket: {port: 80}\n            failureThreshold: 18\n"));
            Assert.Equal("3m", w.Value(F.Startup));
            Assert.Equal("startupProbe", w.Fact(F.Startup).Evidence.Single().Text);
        }

        [Fact]
        public void Startup_budget_from_liveness_probe_with_defaults()
        {
            var w = One(Deployment("      containers:\n        - name: web\n          image: x\n          livenessProbe:\n            exec: {command: [true]}\n            initialDelaySeconds: 15\n"));
            Assert.Equal("45s", w.Value(F.Startup));
        }

        [Fact]
        public void Startup_budget_is_the_main_container_by_annotation_then_name()
        {
            var containers = "      containers:\n        - name: sidecar\n          image: x\n          startupProbe: {exec: {command: [a]}, failureThreshold: 1, periodSeconds: 1}\n        - name: web\n          image: x\n          startupProbe: {exec: {command: [a]}, failureThreshold: 6}\n        - name: other\n          image: x\n          startupProbe: {exec: {command: [a]}, failureThreshold: 12}\n";
            Assert.Equal("1m", One(Deployment(containers)).Value(F.Startup));
            var annotated = Deployment(containers, templateMeta: "      annotations:\n        kubectl.kubernetes.io/default-container: other\n");
            Assert.Equal("2m", One(annotated).Value(F.Startup));
            Assert.Equal("1s", One(Deployment(containers, name: "api")).Value(F.Startup));
        }

        [Fact]
        public void No_probe_no_budget_and_init_container_probe_never_counts()
        {
            var w = One(Deployment("      initContainers:\n        - name: web\n          image: x\n          startupProbe: {exec: {command: [a]}}\n      containers:\n        - name: main\n          image: x\n"));
            Assert.Null(w.Value(F.Startup));
        }

        [Fact]
        public void Replicas_and_kinds()
        {
            Assert.Equal(3, One(Deployment("      containers: [{name: web, image: x}]\n", extra: "  replicas: 3\n")).Value(F.Instances));
            var ds = One("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: x}]\n");
            Assert.Null(ds.Value(F.Instances));
            var job = One("apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n          image: x\n          readinessProbe: {httpGet: {path: /, port: 80}}\n");
            Assert.Equal("headless", job.Value(F.Interface));
            Assert.Equal(1, job.Value(F.Instances));
        }

        [Fact]
        public void CronJob_reads_the_job_template()
        {
            var w = One("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: '0 0 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          runtimeClassName: gvisor\n          containers:\n            - name: n\n              image: x\n              securityContext: {privileged: true}\n");
            Assert.Equal("headless", w.Value(F.Interface));
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Equal("sandboxed-container", w.Value(F.Target));
        }

        [Fact]
        public void Pod_StatefulSet_ReplicaSet_and_List_items()
        {
            var yaml = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: debug}\n    spec:\n      hostPID: true\n      containers: [{name: d, image: x}]\n  - apiVersion: apps/v1\n    kind: StatefulSet\n    metadata: {name: db}\n    spec:\n      replicas: 2\n      template:\n        spec:\n          containers: [{name: db, image: x}]\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    metadata: {name: rs}\n    spec:\n      template:\n        spec:\n          containers: [{name: rs, image: x}]\n";
            var r = Scan.Files(("k.yaml", yaml));
            Assert.Equal(new[] { "debug", "db", "rs" }, r.Workloads.Select(w => w.Name));
            Assert.Equal(true, r.Named("debug").Value(F.HostAccess));
            Assert.Equal(2, r.Named("db").Value(F.Instances));
        }

        [Fact]
        public void KubeVirt_is_a_vm()
        {
            var r = Scan.Files(("vm.yaml", "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: legacy}\nspec:\n  template:\n    spec:\n      domain: {devices: {}}\n---\napiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: vmi}\nspec:\n  domain: {devices: {}}\n"));
            Assert.Equal("vm", r.Named("legacy").Value(F.Target));
            Assert.Equal("vm", r.Named("vmi").Value(F.Target));
        }

        [Theory]
        [InlineData("kata-qemu", "sandboxed-container")]
        [InlineData("gvisor", "sandboxed-container")]
        [InlineData("runsc", "sandboxed-container")]
        [InlineData("kata-fc", "sandboxed-container")]
        [InlineData("runhcs-wcow-hypervisor", "sandboxed-container")]
        [InlineData("nvidia", "container")]
        [InlineData("runc", "container")]
        public void Runtime_class_names(string runtimeClass, string target)
        {
            var w = One(Deployment($"      runtimeClassName: {runtimeClass}\n      containers: [{{name: web, image: x}}]\n"));
            Assert.Equal(target, w.Value(F.Target));
            Assert.Equal($"runtimeClassName: {runtimeClass}", w.Fact(F.Target).Evidence.Single().Text);
        }

        [Fact]
        public void Runtime_class_handler_resolves_and_overhead_is_a_platform_figure()
        {
            var rc = "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: secure\nhandler: kata\noverhead:\n  podFixed:\n    memory: 160Mi\n    cpu: 250m\n";
            var r = Scan.Files(("rc.yaml", rc), ("app.yaml", Deployment("      runtimeClassName: secure\n      containers: [{name: web, image: x}]\n")));
            Assert.Equal("sandboxed-container", r.Only().Value(F.Target));
            var p = Assert.Single(r.Platform);
            Assert.Equal("secure", p.RuntimeClass);
            Assert.Equal("160Mi", p.MemoryOverhead);
            Assert.Equal("160MiB", p.Suggested);
            Assert.Equal((8, 5), (p.Location.Span.Line, p.Location.Span.Column));
            Assert.Equal("memory: 160Mi", p.Text);
            // Without the RuntimeClass among the files, "secure" is not a sandbox name.
            Assert.Equal("container", Scan.Files(("app.yaml", Deployment("      runtimeClassName: secure\n      containers: [{name: web, image: x}]\n"))).Only().Value(F.Target));
        }

        [Theory]
        [InlineData("160Mi", "160MiB")]
        [InlineData("1536Mi", "1536MiB")]
        [InlineData("2048Mi", "2GiB")]
        [InlineData("128M", "128MB")]
        [InlineData("120k", "120KB")]
        [InlineData("1.5Gi", "1536MiB")]
        [InlineData("512", "512B")]
        [InlineData("500m", null)]
        [InlineData("1e9", null)]
        public void Overhead_quantity_as_a_size_literal(string quantity, string? size)
        {
            var r = Scan.Files(("rc.yaml", $"apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {{name: k}}\nhandler: kata\noverhead: {{podFixed: {{memory: \"{quantity}\"}}}}\n"));
            var p = Assert.Single(r.Platform);
            Assert.Equal(quantity, p.MemoryOverhead);
            Assert.Equal(size, p.Suggested);
        }

        [Fact]
        public void Http_probe_and_named_container_port_are_web()
        {
            Assert.Equal("web", One(Deployment("      containers:\n        - name: web\n          image: x\n          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n")).Value(F.Interface));
            Assert.Equal("web", One(Deployment("      containers:\n        - name: web\n          image: x\n          livenessProbe:\n            grpc: {port: 9090}\n")).Value(F.Interface));
            Assert.Equal("web", One(Deployment("      containers:\n        - name: web\n          image: x\n          ports:\n            - name: http\n              containerPort: 8080\n")).Value(F.Interface));
            Assert.Equal("headless", One(Deployment("      containers:\n        - name: web\n          image: x\n          ports:\n            - name: redis\n              containerPort: 6379\n          livenessProbe: {tcpSocket: {port: 6379}}\n")).Value(F.Interface));
        }

        private const string ServicePod = "      containers:\n        - name: web\n          image: x\n          ports:\n            - name: api\n              containerPort: 8080\n";

        [Fact]
        public void Service_with_matching_selector_and_http_port_is_web()
        {
            var svc = "apiVersion: v1\nkind: Service\nmetadata: {name: web-svc}\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      targetPort: api\n";
            var r = Scan.Files(("deploy.yaml", Deployment(ServicePod)), ("svc.yaml", svc));
            var w = r.Only();
            Assert.Equal("web", w.Value(F.Interface));
            var e = w.Fact(F.Interface).Evidence.Single();
            Assert.Equal("svc.yaml", e.Location.File);
            Assert.Equal("name: http", e.Text);
            Assert.Contains("svc.yaml", w.Artifacts);
        }

        [Fact]
        public void Service_app_protocol_counts_and_a_non_matching_selector_does_not()
        {
            var svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      appProtocol: kubernetes.io/h2c\n";
            Assert.Equal("web", Scan.Files(("d.yaml", Deployment(ServicePod)), ("s.yaml", svc)).Only().Value(F.Interface));
            var other = svc.Replace("app: web", "app: other");
            Assert.Equal("headless", Scan.Files(("d.yaml", Deployment(ServicePod)), ("s.yaml", other)).Only().Value(F.Interface));
            var tcp = svc.Replace("appProtocol: kubernetes.io/h2c", "appProtocol: tcp");
            Assert.Equal("headless", Scan.Files(("d.yaml", Deployment(ServicePod)), ("s.yaml", tcp)).Only().Value(F.Interface));
        }

        [Fact]
        public void Selector_must_match_every_pair_and_the_namespace()
        {
            var pod = Deployment(ServicePod, templateMeta: "").Replace("        app: web\n    spec:", "        app: web\n        tier: front\n    spec:");
            string Svc(string selector, string ns = "") => $"apiVersion: v1\nkind: Service\nmetadata: {{name: s{ns}}}\nspec:\n  selector: {selector}\n  ports: [{{name: http, port: 80}}]\n";
            Assert.Equal("web", Scan.Files(("d.yaml", pod), ("s.yaml", Svc("{tier: front, app: web}"))).Only().Value(F.Interface));
            Assert.Equal("headless", Scan.Files(("d.yaml", pod), ("s.yaml", Svc("{app: web, tier: back}"))).Only().Value(F.Interface));
            Assert.Equal("headless", Scan.Files(("d.yaml", pod), ("s.yaml", Svc("{}"))).Only().Value(F.Interface));
            var inShop = pod.Replace("metadata:\n  name: web\n", "metadata:\n  name: web\n  namespace: shop\n");
            var otherNs = Svc("{app: web}").Replace("metadata: {name: s}", "metadata: {name: s, namespace: other}");
            Assert.Equal("headless", Scan.Files(("d.yaml", inShop), ("s.yaml", otherNs)).Only().Value(F.Interface));
            Assert.Equal("web", Scan.Files(("d.yaml", inShop), ("s.yaml", otherNs.Replace("other", "shop"))).Only().Value(F.Interface));
        }

        [Fact]
        public void Interface_evidence_is_the_pods_own_then_the_services_and_ingresses_and_the_other_fields_follow()
        {
            // A pod's own evidence, the Services' and the rest are kept in one list: the Services' go between.
            var pod = "      initContainers:\n        - name: init\n          image: x\n          ports:\n            - name: admin\n              containerPort: 9000\n"
                + "      containers:\n        - name: web\n          image: x\n          ports:\n            - name: http\n              containerPort: 8080\n            - name: admin\n              containerPort: 9001\n"
                + "          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n          startupProbe:\n            httpGet: {path: /healthz, port: 8080}\n            failureThreshold: 10\n"
                + "          securityContext:\n            privileged: true\n";
            var svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports:\n    - name: http-admin\n      port: 80\n      targetPort: admin\n";
            var ing = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend:\n    service:\n      name: s\n      port: {number: 80}\n";
            var w = Scan.Files(("d.yaml", Deployment(pod, extra: "  replicas: 3\n")), ("s.yaml", svc), ("i.yaml", ing)).Only();
            Assert.Equal(new[] { "d.yaml", "d.yaml", "d.yaml", "s.yaml", "i.yaml" }, w.Fact(F.Interface).Evidence.Select(e => e.Location.File));
            Assert.Equal(new[] { "httpGet: {path: /healthz, port: 8080}", "httpGet: {path: /healthz, port: 8080}", "name: http", "name: http-admin", "name: s" },
                w.Fact(F.Interface).Evidence.Select(e => e.Text));
            Assert.Equal(3, w.Value(F.Instances));
            Assert.Equal(true, w.Value(F.Privileged));
            Assert.Equal("100s", w.Value(F.Startup));
            Assert.Equal("container", w.Value(F.Target));
            Assert.Equal(new[] { "d.yaml", "s.yaml", "i.yaml" }, w.Artifacts);
        }

        [Fact]
        public void Named_target_port_must_resolve_to_a_container_port_of_the_pod()
        {
            var svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      targetPort: metrics\n";
            Assert.Equal("headless", Scan.Files(("d.yaml", Deployment(ServicePod)), ("s.yaml", svc)).Only().Value(F.Interface));
        }

        [Fact]
        public void Ingress_backend_through_a_selecting_service_is_web()
        {
            var svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 8080\n";
            var ing = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - host: example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: s\n                port: {number: 80}\n";
            var w = Scan.Files(("d.yaml", Deployment(ServicePod)), ("s.yaml", svc), ("i.yaml", ing)).Only();
            Assert.Equal("web", w.Value(F.Interface));
            var evidence = w.Fact(F.Interface).Evidence.Single();
            Assert.Equal("i.yaml", evidence.Location.File);
            // The whole backend entry, key to value, as every other piece of evidence is quoted.
            Assert.Equal("name: s", evidence.Text);
            Assert.Equal((13, 17, 13, 24), (evidence.Location.Span.Line, evidence.Location.Span.Column, evidence.Location.Span.EndLine, evidence.Location.Span.EndColumn));
            // The Service alone (unnamed port, no appProtocol) is no HTTP evidence.
            Assert.Equal("headless", Scan.Files(("d.yaml", Deployment(ServicePod)), ("s.yaml", svc)).Only().Value(F.Interface));
        }

        [Fact]
        public void Os_linux_node_selector_and_other_kinds_ignored()
        {
            var r = Scan.Files(("d.yaml", Deployment("      nodeSelector: {kubernetes.io/os: linux}\n      containers: [{name: web, image: x}]\n") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"));
            Assert.Equal("linux", r.Only().Value(F.Os));
            Assert.Empty(r.Findings);
            Assert.Empty(r.Notes);
        }

        [Fact]
        public void Helm_template_is_skipped_with_a_note_and_other_yaml_silently()
        {
            var r = Scan.Files(("chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"),
                (".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"),
                ("broken-other.yaml", "a: [\n"));
            Assert.Empty(r.Workloads);
            Assert.Empty(r.Findings);
            var note = Assert.Single(r.Notes);
            Assert.Equal("chart/templates/deploy.yaml", note.File);
            Assert.Contains("Helm", note.Message);
        }

        [Fact]
        public void Malformed_manifest_is_DA0001_at_its_place_and_the_others_go_on()
        {
            var bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n  labels: [a\n";
            var r = Scan.Files(("bad.yaml", bad), ("good.yaml", Deployment("      containers: [{name: web, image: x}]\n")));
            Assert.Equal("web", r.Only().Name);
            var f = Assert.Single(r.Findings);
            Assert.Equal("DA0001", f.RuleId);
            Assert.Equal("bad.yaml", f.Location!.File);
            Assert.True(f.Location.Span.Line >= 5);
        }

        [Fact]
        public void Deep_nesting_is_DA0007()
        {
            var deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: " + new string('[', 200) + new string(']', 200) + "\n";
            var r = Scan.Files(("deep.yaml", deep));
            Assert.Contains(r.Findings, f => f.RuleId == "DA0007" && f.Location!.File == "deep.yaml");
        }

        [Fact]
        public void Too_large_manifest_is_DA0007_and_other_large_yaml_is_silent()
        {
            var options = new ArtifactScanOptions { Limits = new Loading.Limits { MaxFileBytes = 64 } };
            var manifest = Deployment("      containers: [{name: web, image: x}]\n");
            var r = Scan.Files(options, ("big.yaml", manifest), ("data.yaml", "values:\n" + string.Concat(Enumerable.Repeat("  - 1\n", 50))));
            Assert.Empty(r.Workloads);
            var f = Assert.Single(r.Findings);
            Assert.Equal(("DA0007", "big.yaml"), (f.RuleId, f.Location!.File));
        }

        [Fact]
        public void Kustomize_patches_are_not_workloads_and_bases_are_read()
        {
            var r = Scan.Files(
                ("base/deployment.yaml", Deployment("      containers: [{name: web, image: x}]\n")),
                ("base/kustomization.yaml", "resources:\n  - deployment.yaml\n"),
                ("overlays/prod/kustomization.yaml", "resources: [../../base]\npatches:\n  - path: replicas.yaml\npatchesStrategicMerge:\n  - gpu.yaml\n"),
                ("overlays/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 5}\n"),
                ("overlays/prod/gpu.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, resources: {limits: {nvidia.com/gpu: 1}}}]\n"));
            var w = r.Only();
            Assert.Equal(1, w.Value(F.Instances));
            Assert.Null(w.Value(F.Devices));
            Assert.Equal(2, r.Notes.Count(n => n.Message.Contains("Kustomize patch")));
            Assert.Empty(r.Findings);
        }

        [Fact]
        public void Descriptors_even_malformed_are_not_artifacts()
        {
            var r = Scan.Files(("payments.workload.yaml", "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: [x\n"));
            Assert.Empty(r.Findings);
            Assert.Empty(r.Workloads);
        }

        [Fact]
        public void Binary_yaml_is_ignored_silently()
        {
            var r = ArtifactScanner.Scan(new[] { new ArtifactFile("blob.yaml", new byte[] { 0, 0xFF, 0xFE, 1 }) });
            Assert.Empty(r.Findings);
            Assert.Empty(r.Workloads);
        }

        [Fact]
        public void Second_document_of_a_file_is_located_in_the_file()
        {
            var r = Scan.Files(("all.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\n" + Deployment("      containers:\n        - name: web\n          image: x\n          securityContext: {privileged: true}\n")));
            var e = r.Only().Fact(F.Privileged).Evidence.Single();
            Assert.Equal(21, e.Location.Span.Line);
            Assert.Equal("privileged: true", e.Text);
        }
    }
}
