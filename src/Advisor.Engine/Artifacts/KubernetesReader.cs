using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// Kubernetes manifests through the engine's positioned YAML tree (typed Kubernetes models lose
    /// positions). Two phases: every file's objects are collected first, so that a Service, Ingress
    /// or RuntimeClass in one file informs a workload in another; then each workload object is read.
    /// </summary>
    internal sealed class KubernetesReader
    {
        private static readonly HashSet<string> WorkloadKinds = new HashSet<string>(StringComparer.Ordinal)
        {
            "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "VirtualMachine", "VirtualMachineInstance",
        };

        private readonly ReadContext _ctx;
        private readonly List<KObject> _objects = new List<KObject>();

        public KubernetesReader(ReadContext ctx) { _ctx = ctx; }

        private sealed class KObject
        {
            public KObject(string file, SourceLines lines, YMapping root, string apiVersion, string kind, YScalar kindNode)
            {
                File = file; Lines = lines; Root = root; ApiVersion = apiVersion; Kind = kind; KindNode = kindNode;
                Name = Y.Str(Y.Path(root, "metadata", "name"));
                Namespace = Y.Str(Y.Path(root, "metadata", "namespace")) ?? "";
            }
            public string File { get; }
            public SourceLines Lines { get; }
            public YMapping Root { get; }
            public string ApiVersion { get; }
            public string Kind { get; }
            public YScalar KindNode { get; }
            public string? Name { get; }
            public string Namespace { get; }
            /// <summary>Position among all objects read, for a stable order.</summary>
            public int Index { get; set; }
            public bool SameNamespace(KObject other) => Namespace.Length == 0 || other.Namespace.Length == 0 || Namespace == other.Namespace;
        }

        /// <summary>Phase 1: reads one YAML file that is not a compose file. Other tools' YAML is ignored silently.</summary>
        public void Collect(string file, byte[] bytes)
        {
            if (bytes.LongLength > _ctx.Limits.MaxFileBytes)
            {
                // Too large to read: reported only when its start looks like a manifest.
                var head = Text.Decode(bytes.Take(4096).ToArray()) ?? "";
                if (LooksLikeManifest(head)) _ctx.Finding(RuleIds.LimitExceeded, file, SourceSpan.FileStart, $"the file is {bytes.LongLength} bytes; the limit is {_ctx.Limits.MaxFileBytes} bytes");
                return;
            }
            var text = Text.Decode(bytes);
            if (text != null && text.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                if (LooksLikeManifest(text) || file.Contains("/templates/") || file.StartsWith("templates/", StringComparison.Ordinal))
                    _ctx.Note(file, "skipped: a Helm template (it contains '{{'); render it first with 'helm template ... > rendered.yaml' and scan the output");
                return;
            }
            // DeployAdvisor's own descriptors are lint's business, not artifacts (and never reported twice).
            if (text != null && text.IndexOf("apiVersion: deployadvisor/", StringComparison.Ordinal) >= 0) return;
            var yaml = YamlReader.Read(bytes, _ctx.Limits);
            var fileName = ArtifactPaths.FileName(file);
            if (fileName == "kustomization.yaml" || fileName == "kustomization.yml" || fileName == "Kustomization")
            {
                foreach (var doc in yaml.Documents) Kustomization(file, doc.Root);
                return;
            }
            // A broken file is reported only when it looks like a manifest: other tools' YAML is not ours to judge.
            if (yaml.Findings.Count > 0 && text != null && (LooksLikeManifest(text) || yaml.Documents.Any(d => IsManifest(d.Root))))
                _ctx.AddYamlFindings(file, yaml);
            if (text is null) return;
            var lines = new SourceLines(text);
            foreach (var doc in yaml.Documents)
            {
                if (!(doc.Root is YMapping root) || !IsManifest(root)) continue;
                var kind = Y.Str(Y.Get(root, "kind"))!;
                if (kind == "List")
                {
                    foreach (var item in Y.Items(Y.Get(root, "items")))
                        if (item is YMapping m && IsManifest(m)) Add(file, lines, m);
                    continue;
                }
                Add(file, lines, root);
            }
        }

        /// <summary>Files a kustomization names as patches: partial objects, not workloads (overlays are not applied).</summary>
        private readonly Dictionary<string, string> _patches = new Dictionary<string, string>(StringComparer.Ordinal);

        private void Kustomization(string file, YNode? root)
        {
            var dir = ArtifactPaths.Directory(file);
            var paths = new List<string?>();
            foreach (var p in Y.Items(Y.Get(root, "patchesStrategicMerge"))) paths.Add(Y.Str(p));
            foreach (var key in new[] { "patches", "patchesJson6902" })
                foreach (var p in Y.Items(Y.Get(root, key))) paths.Add(Y.Str(Y.Get(p, "path")));
            foreach (var p in paths)
                if (p != null && !p.Contains("://")) _patches[ArtifactPaths.Combine(dir, p)] = file;
        }

        private void Add(string file, SourceLines lines, YMapping root)
        {
            Y.TryEntry(root, "kind", out _, out var kindNode);
            _objects.Add(new KObject(file, lines, root, Y.Str(Y.Get(root, "apiVersion"))!, ((YScalar)kindNode).Value, (YScalar)kindNode));
        }

        private static bool IsManifest(YNode? root) => Y.Str(Y.Get(root, "apiVersion")) != null && Y.Get(root, "kind") is YScalar k && Y.Str(k) != null;

        private static bool LooksLikeManifest(string text)
            => (text.StartsWith("apiVersion:", StringComparison.Ordinal) || text.Contains("\napiVersion:")) && (text.StartsWith("kind:", StringComparison.Ordinal) || text.Contains("\nkind:"));

        /// <summary>Phase 2: the workloads, with Services, Ingresses and RuntimeClasses of every file as context; platform figures.</summary>
        public List<RawWorkload> Workloads()
        {
            var result = new List<RawWorkload>();
            var runtimeClasses = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var o in _objects.Where(o => o.Kind == "RuntimeClass" && o.Name != null))
            {
                runtimeClasses[o.Name!] = Y.Str(Y.Get(o.Root, "handler"));
                if (Y.TryEntry(Y.Path(o.Root, "overhead", "podFixed"), "memory", out var mk, out var mv) && Y.Str(mv) is string quantity)
                {
                    var span = new SourceSpan(mk.Span.Line, mk.Span.Column, mv.Span.EndLine, mv.Span.EndColumn);
                    _ctx.Platform.Add(new PlatformFigure(o.Name!, quantity, Vocabulary.QuantityAsSize(quantity), new Location(o.File, span), o.Lines.Quote(mk.Span, mv.Span)));
                }
            }
            foreach (var patch in _objects.Select(o => o.File).Distinct().Where(_patches.ContainsKey).ToList())
                _ctx.Note(patch, $"not read: a Kustomize patch named by {_patches[patch]} (overlays are not applied; the base files are read as they are)");
            _objects.RemoveAll(o => _patches.ContainsKey(o.File));
            for (int i = 0; i < _objects.Count; i++) _objects[i].Index = i;
            var index = new ContextIndex(_objects.Where(o => o.Kind == "Service"), _objects.Where(o => o.Kind == "Ingress"));
            foreach (var o in _objects)
            {
                if (!WorkloadKinds.Contains(o.Kind)) continue;
                if (o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal) && !o.ApiVersion.StartsWith("kubevirt.io/", StringComparison.Ordinal)) continue;
                if (o.Name is null)
                {
                    _ctx.Note(o.File, $"a {o.Kind} at line {o.KindNode.Span.Line} has no metadata.name: not read as a workload");
                    continue;
                }
                result.Add(ReadWorkload(o, index, runtimeClasses));
            }
            return result;
        }

        private RawWorkload ReadWorkload(KObject o, ContextIndex index, Dictionary<string, string?> runtimeClasses)
        {
            Y.TryEntry(o.Root, "metadata", out _, out var metadata);
            Y.TryEntry(metadata, "name", out var nameKey, out var nameValue);
            var source = new ArtifactSource(ArtifactKind.Kubernetes, $"{o.Kind} {o.Name}", o.Name!, new Location(o.File, Span(nameKey, nameValue)));
            var w = new RawWorkload(source, o.File);
            var kindLoc = new Location(o.File, o.KindNode.Span);
            var kindText = o.Lines.Quote(o.KindNode.Span);

            // The pod template: where the pod spec and its labels are for each kind.
            YNode? template = o.Kind switch
            {
                "Pod" or "VirtualMachineInstance" => o.Root,
                "CronJob" => Y.Path(o.Root, "spec", "jobTemplate", "spec", "template"),
                _ => Y.Path(o.Root, "spec", "template"),
            };
            Y.TryEntry(template, "spec", out var specKey, out var podSpecNode);
            var podSpec = podSpecNode as YMapping;
            var podMeta = Y.Get(template, "metadata");
            bool kubeVirt = o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal);
            var containers = new List<(YMapping Node, bool Init)>();
            foreach (var c in Y.Items(Y.Get(podSpec, "containers"))) if (c is YMapping m) containers.Add((m, false));
            foreach (var c in Y.Items(Y.Get(podSpec, "initContainers"))) if (c is YMapping m) containers.Add((m, true));

            // interface
            if (o.Kind == "Job" || o.Kind == "CronJob")
                w.Add(ArtifactFields.Interface, "headless", kindLoc, kindText, $"a {o.Kind} runs to completion");
            else
            {
                int before = w.Evidence.Count;
                foreach (var (c, _) in containers) HttpEvidenceOfContainer(o, w, c);
                HttpEvidenceOfServices(o, w, podMeta, containers, index);
                if (w.Evidence.Count == before)
                    w.Add(ArtifactFields.Interface, "headless", kindLoc, kindText, "no HTTP evidence: no httpGet or grpc probe, no HTTP port, no Service or Ingress reaching it", fallback: true);
            }

            // os
            foreach (var key in new[] { "kubernetes.io/os", "beta.kubernetes.io/os" })
            {
                if (Y.TryEntry(Y.Get(podSpec, "nodeSelector"), key, out var osKey, out var osValue) && Y.Str(osValue) is string os)
                {
                    if (os == "windows" || os == "linux") Add(o, w, ArtifactFields.Os, os, osKey, osValue);
                }
            }

            // host: privileged, hostAccess, kernelModules, devices — unions over every container, init containers included.
            foreach (var flag in new[] { "hostPID", "hostIPC", "hostNetwork" })
                if (Y.TryEntry(podSpec, flag, out var fk, out var fv) && Y.IsTrue(fv)) Add(o, w, ArtifactFields.HostAccess, true, fk, fv);
            HostProcess(o, w, Y.Get(podSpec, "securityContext"));
            foreach (var v in Y.Items(Y.Get(podSpec, "volumes")))
            {
                if (!Y.TryEntry(Y.Get(v, "hostPath"), "path", out var pk, out var pv) || !(Y.Str(pv) is string path)) continue;
                var p = path.TrimEnd('/');
                if (!path.StartsWith("/dev/", StringComparison.Ordinal))
                    Add(o, w, ArtifactFields.HostAccess, true, pk, pv, "a hostPath volume outside /dev/ reaches the host's file system");
                if (p == "/lib/modules" || p.StartsWith("/lib/modules/", StringComparison.Ordinal) || p == "/usr/lib/modules" || p.StartsWith("/usr/lib/modules/", StringComparison.Ordinal))
                    Add(o, w, ArtifactFields.KernelModules, true, pk, pv, "the host's kernel modules are mounted");
            }
            foreach (var (c, _) in containers)
            {
                var sc = Y.Get(c, "securityContext");
                if (Y.TryEntry(sc, "privileged", out var pk, out var pv) && Y.IsTrue(pv)) Add(o, w, ArtifactFields.Privileged, true, pk, pv);
                foreach (var cap in Y.Items(Y.Path(sc, "capabilities", "add")))
                {
                    if (!(Y.Str(cap) is string written)) continue;
                    var name = Vocabulary.Capability(written);
                    if (!Vocabulary.BaselineCapabilities.Contains(name))
                        Add(o, w, ArtifactFields.Privileged, true, cap, cap, $"capability {name} is outside the Pod Security Standards Baseline list");
                    if (name == "SYS_MODULE" || name == "ALL")
                        Add(o, w, ArtifactFields.KernelModules, true, cap, cap, $"capability {name} loads kernel modules");
                }
                HostProcess(o, w, sc);
                foreach (var section in new[] { "limits", "requests" })
                {
                    foreach (var e in Y.Entries(Y.Path(c, "resources", section)))
                    {
                        if (e.Key is YScalar rk && IsGpuResource(rk.Value) && Y.Str(e.Value) != "0")
                            Add(o, w, ArtifactFields.Devices, new[] { "gpu" }, rk, e.Value, $"{rk.Value} in resources.{section}");
                    }
                }
            }

            // budgets.startup: the main container's startupProbe, else its livenessProbe.
            var main = MainContainer(o, podMeta, containers.Where(c => !c.Init).Select(c => c.Node).ToList());
            if (main != null)
            {
                foreach (var probeName in new[] { "startupProbe", "livenessProbe" })
                {
                    if (!Y.TryEntry(main, probeName, out var probeKey, out var probe)) continue;
                    int? delay = Field(probe, "initialDelaySeconds", 0), failures = Field(probe, "failureThreshold", 3), period = Field(probe, "periodSeconds", 10);
                    if (delay is null || failures is null || period is null || delay < 0 || failures < 0 || period < 0) break;
                    long seconds = delay.Value + (long)failures.Value * period.Value;
                    var value = Duration.FromSeconds(seconds).ToString();
                    w.Add(ArtifactFields.Startup, value, new Location(o.File, Span(probeKey, probe)), o.Lines.Quote(probeKey.Span),
                        $"{probeName} of container {Y.Str(Y.Get(main, "name")) ?? "(unnamed)"}: initialDelaySeconds {delay} + failureThreshold {failures} × periodSeconds {period} = {seconds}s");
                    break;
                }
            }

            // operations.instances
            if (o.Kind != "DaemonSet")
            {
                if (Y.TryEntry(Y.Get(o.Root, "spec"), "replicas", out var rk, out var rv) && (o.Kind == "Deployment" || o.Kind == "StatefulSet" || o.Kind == "ReplicaSet"))
                {
                    if (Y.Int(rv) is int replicas && replicas >= 0) Add(o, w, ArtifactFields.Instances, replicas, rk, rv);
                }
                else
                    w.Add(ArtifactFields.Instances, 1, kindLoc, kindText, o.Kind == "Deployment" || o.Kind == "StatefulSet" || o.Kind == "ReplicaSet" ? "no replicas: Kubernetes runs 1" : $"a {o.Kind} runs one instance", fallback: true);
            }

            // deployment.target
            if (kubeVirt)
                w.Add(ArtifactFields.Target, "vm", kindLoc, kindText, "a KubeVirt virtual machine");
            else if (Y.TryEntry(podSpec, "runtimeClassName", out var rck, out var rcv) && Y.Str(rcv) is string runtimeClass)
            {
                runtimeClasses.TryGetValue(runtimeClass, out var handler);
                bool sandbox = Vocabulary.IsSandboxRuntime(runtimeClass) || Vocabulary.IsSandboxRuntime(handler);
                var reason = handler != null ? $"RuntimeClass {runtimeClass} has handler {handler}" : null;
                Add(o, w, ArtifactFields.Target, sandbox ? "sandboxed-container" : "container", rck, rcv,
                    (reason != null ? reason + ": " : "") + (sandbox ? "a sandbox runtime" : "not a sandbox runtime"));
            }
            else if (podSpec != null)
                w.Add(ArtifactFields.Target, "container", new Location(o.File, specKey.Span), o.Lines.Quote(specKey.Span), "no runtimeClassName: the default runtime, a plain container", fallback: true);
            return w;
        }

        private static int? Field(YNode probe, string key, int defaultValue)
            => Y.Get(probe, key) is YNode n ? Y.Int(n) : defaultValue;

        private static bool IsGpuResource(string name)
            => name == "nvidia.com/gpu" || name == "amd.com/gpu" || name.StartsWith("gpu.intel.com/", StringComparison.Ordinal);

        private void HostProcess(KObject o, RawWorkload w, YNode? securityContext)
        {
            if (Y.TryEntry(Y.Get(securityContext, "windowsOptions"), "hostProcess", out var hk, out var hv) && Y.IsTrue(hv))
            {
                Add(o, w, ArtifactFields.Privileged, true, hk, hv, "a Windows HostProcess container runs with the host's privileges");
                Add(o, w, ArtifactFields.HostAccess, true, hk, hv, "a Windows HostProcess container runs on the host");
            }
        }

        /// <summary>The kubectl.kubernetes.io/default-container one, else the one named like the workload, else the first (never an init container).</summary>
        private static YMapping? MainContainer(KObject o, YNode? podMeta, List<YMapping> containers)
        {
            var named = Y.Str(Y.Path(podMeta, "annotations", "kubectl.kubernetes.io/default-container"))
                ?? Y.Str(Y.Path(o.Root, "metadata", "annotations", "kubectl.kubernetes.io/default-container"));
            if (named != null && containers.FirstOrDefault(c => Y.Str(Y.Get(c, "name")) == named) is YMapping annotated) return annotated;
            return containers.FirstOrDefault(c => Y.Str(Y.Get(c, "name")) == o.Name) ?? containers.FirstOrDefault();
        }

        /// <summary>A port name that says HTTP: http, https, grpc, h2c, http2, or one of them followed by '-' (the Istio convention).</summary>
        internal static bool IsHttpName(string? name)
        {
            if (string.IsNullOrEmpty(name)) return false;
            var n = name!.ToLowerInvariant();
            foreach (var p in new[] { "http", "https", "grpc", "h2c", "http2", "grpc-web" })
                if (n == p || n.StartsWith(p + "-", StringComparison.Ordinal)) return true;
            return false;
        }

        internal static bool IsHttpProtocol(string? appProtocol)
        {
            if (string.IsNullOrEmpty(appProtocol)) return false;
            var p = appProtocol!.ToLowerInvariant();
            int slash = p.LastIndexOf('/');
            if (slash >= 0) p = p.Substring(slash + 1);
            return p == "http" || p == "https" || p == "grpc" || p == "h2c";
        }

        private void HttpEvidenceOfContainer(KObject o, RawWorkload w, YMapping c)
        {
            foreach (var probeName in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            {
                var probe = Y.Get(c, probeName);
                foreach (var handler in new[] { "httpGet", "grpc" })
                    if (Y.TryEntry(probe, handler, out var hk, out var hv))
                        Add(o, w, ArtifactFields.Interface, "web", hk, hv, $"{probeName} {handler}");
            }
            foreach (var port in Y.Items(Y.Get(c, "ports")))
            {
                if (Y.TryEntry(port, "name", out var nk, out var nv) && IsHttpName(Y.Str(nv)))
                    Add(o, w, ArtifactFields.Interface, "web", nk, nv, "a container port named for HTTP");
            }
        }

        private static bool Selects(KObject service, YNode? podMeta)
        {
            var selector = Y.Get(Y.Get(service.Root, "spec"), "selector") as YMapping;
            if (selector is null || selector.Entries.Count == 0) return false;
            var labels = Y.Get(podMeta, "labels");
            foreach (var e in selector.Entries)
            {
                if (!(e.Key is YScalar k)) return false;
                if (Y.Str(Y.Get(labels, k.Value)) != Y.Str(e.Value) || Y.Str(e.Value) is null) return false;
            }
            return true;
        }

        private static bool HasContainerPort(List<(YMapping Node, bool Init)> containers, string name)
            => containers.Any(c => Y.Items(Y.Get(c.Node, "ports")).Any(p => Y.Str(Y.Get(p, "name")) == name));

        /// <summary>
        /// Services by the first pair of their selector, Ingress backends by Service name: a pod's
        /// Services are found through its labels, so thousands of manifests stay linear.
        /// </summary>
        private sealed class ContextIndex
        {
            public Dictionary<string, List<KObject>> ServicesByPair { get; } = new Dictionary<string, List<KObject>>(StringComparer.Ordinal);
            public Dictionary<string, List<(KObject Ingress, YNode Key, YNode Value)>> BackendsByService { get; } = new Dictionary<string, List<(KObject, YNode, YNode)>>(StringComparer.Ordinal);

            public ContextIndex(IEnumerable<KObject> services, IEnumerable<KObject> ingresses)
            {
                foreach (var s in services)
                {
                    var selector = Y.Get(Y.Get(s.Root, "spec"), "selector") as YMapping;
                    if (selector is null || selector.Entries.Count == 0 || !(selector.Entries[0].Key is YScalar k) || Y.Str(selector.Entries[0].Value) is null) continue;
                    var pair = k.Value + "=" + Y.Str(selector.Entries[0].Value);
                    if (!ServicesByPair.TryGetValue(pair, out var list)) ServicesByPair[pair] = list = new List<KObject>();
                    list.Add(s);
                }
                foreach (var ing in ingresses)
                    foreach (var (key, value, service) in Backends(ing))
                    {
                        if (!BackendsByService.TryGetValue(service, out var list)) BackendsByService[service] = list = new List<(KObject, YNode, YNode)>();
                        list.Add((ing, key, value));
                    }
            }
        }

        private void HttpEvidenceOfServices(KObject o, RawWorkload w, YNode? podMeta, List<(YMapping Node, bool Init)> containers, ContextIndex index)
        {
            var candidates = new List<KObject>();
            foreach (var label in Y.Entries(Y.Get(podMeta, "labels")))
                if (label.Key is YScalar lk && Y.Str(label.Value) is string lv && index.ServicesByPair.TryGetValue(lk.Value + "=" + lv, out var found))
                    foreach (var s in found) if (!candidates.Contains(s)) candidates.Add(s);
            candidates.Sort((a, b) => a.Index.CompareTo(b.Index));
            foreach (var s in candidates)
            {
                if (!s.SameNamespace(o) || !Selects(s, podMeta)) continue;
                foreach (var port in Y.Items(Y.Path(s.Root, "spec", "ports")))
                {
                    // A named targetPort routes only to a pod with a container port of that name.
                    var target = Y.Str(Y.Get(port, "targetPort"));
                    bool named = target != null && !int.TryParse(target, out _);
                    if (named && !o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal) && !HasContainerPort(containers, target!)) continue;
                    YScalar key; YNode value;
                    if (Y.TryEntry(port, "appProtocol", out key, out value) && IsHttpProtocol(Y.Str(value))
                        || Y.TryEntry(port, "name", out key, out value) && IsHttpName(Y.Str(value)))
                    {
                        w.Add(ArtifactFields.Interface, "web", new Location(s.File, Span(key, value)), s.Lines.Quote(key.Span, value.Span),
                            $"Service {s.Name} selects this pod" + (named ? $" (targetPort {target} is a container port of this pod)" : ""));
                        w.AddFile(s.File);
                    }
                }
                if (s.Name is null || !index.BackendsByService.TryGetValue(s.Name, out var backends)) continue;
                foreach (var (ing, key, value) in backends)
                {
                    if (!s.SameNamespace(ing)) continue;
                    w.Add(ArtifactFields.Interface, "web", new Location(ing.File, Span(key, value)), ing.Lines.Quote(key.Span, value.Span),
                        $"Ingress {ing.Name} reaches this pod through Service {s.Name}");
                    w.AddFile(ing.File);
                    w.AddFile(s.File);
                }
            }
        }

        /// <summary>Ingress backends: networking.k8s.io/v1 (backend.service.name) and v1beta1 (backend.serviceName).</summary>
        private static IEnumerable<(YNode Key, YNode Value, string Service)> Backends(KObject ing)
        {
            var spec = Y.Get(ing.Root, "spec");
            var backends = new List<YNode?> { Y.Get(spec, "defaultBackend"), Y.Get(spec, "backend") };
            foreach (var rule in Y.Items(Y.Get(spec, "rules")))
                foreach (var path in Y.Items(Y.Path(rule, "http", "paths")))
                    backends.Add(Y.Get(path, "backend"));
            foreach (var b in backends)
            {
                if (b is null) continue;
                if (Y.TryEntry(Y.Get(b, "service"), "name", out var k, out var v) && Y.Str(v) is string n) yield return (k, v, n);
                else if (Y.TryEntry(b, "serviceName", out k, out v) && Y.Str(v) is string n1) yield return (k, v, n1);
            }
        }

        private static void Add(KObject o, RawWorkload w, string field, object value, YNode key, YNode node, string? reason = null)
            => w.Add(field, value, new Location(o.File, Span(key, node)), o.Lines.Quote(key.Span, node.Span), reason);

        /// <summary>From the key to the end of its value; the key alone when the value is an alias to a node written before it.</summary>
        private static SourceSpan Span(YNode key, YNode value)
            => value.Span.CompareTo(key.Span) > 0
                ? new SourceSpan(key.Span.Line, key.Span.Column, value.Span.EndLine, value.Span.EndColumn)
                : key.Span;
    }
}
