using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// Kubernetes manifests through a positioned YAML reading, a <see cref="ManifestTape"/> (typed Kubernetes
    /// models lose positions). Two phases: every file is read on its own into compact records of the facts the
    /// workloads need (files may be read in parallel, <see cref="Read"/>), so that a Service, Ingress
    /// or RuntimeClass in one file informs a workload in another; then each workload is finished with
    /// that context. No tape outlives its file, so memory does not grow with the files read.
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

        /// <summary>What one object says, without its tape: the facts of the kind it is.</summary>
        internal sealed class KObject
        {
            public KObject(string file, string apiVersion, string kind, SourceSpan kindSpan, string? name, string ns)
            {
                File = file; ApiVersion = apiVersion; Kind = kind; KindSpan = kindSpan; Name = name; Namespace = ns;
            }
            public string File { get; }
            public string ApiVersion { get; private set; }
            public string Kind { get; private set; }
            public SourceSpan KindSpan { get; }
            public string? Name { get; }
            public string Namespace { get; private set; }
            /// <summary>Position among all objects read, for a stable order.</summary>
            public int Index { get; set; }
            public bool SameNamespace(KObject other) => Namespace.Length == 0 || other.Namespace.Length == 0 || Namespace == other.Namespace;

            /// <summary>A workload object: what it says on its own, and what is finished with the other objects.</summary>
            public Pod? Pod { get; set; }
            /// <summary>A RuntimeClass, Service or Ingress: the facts the workloads are finished with. Null for workload objects, most of them.</summary>
            public ContextFacts? Context { get; set; }

            /// <summary>Its repeated strings held once for the whole scan (kinds, API versions, a pod's evidence, quotes and labels).</summary>
            internal void Share(StringPool pool)
            {
                ApiVersion = pool.Share(ApiVersion)!;
                Kind = pool.Share(Kind)!;
                Namespace = pool.Share(Namespace)!;
                Pod?.Share(pool);
            }
        }

        /// <summary>What a RuntimeClass, Service or Ingress says that the workloads are finished with.</summary>
        internal sealed class ContextFacts
        {
            /// <summary>A RuntimeClass: its handler and its memory overhead figure.</summary>
            public string? Handler { get; set; }
            public (string Quantity, SourceSpan Span, string Text)? Overhead { get; set; }
            /// <summary>A Service: its selector (null when it has none; a null key is not a scalar) and its HTTP ports.</summary>
            public List<(string? Key, string? Value)>? Selector { get; set; }
            public List<ServicePort> Ports { get; } = new List<ServicePort>();
            /// <summary>An Ingress: its backends.</summary>
            public List<(Location Location, string Text, string Service)> Backends { get; } = new List<(Location, string, string)>();
        }

        /// <summary>A Service port named or with an appProtocol for HTTP.</summary>
        internal sealed class ServicePort
        {
            public ServicePort(string? target, Location location, string text) { Target = target; Location = location; Text = text; }
            public string? Target { get; }
            public Location Location { get; }
            public string Text { get; }
        }

        internal enum TargetKind { None, KubeVirt, RuntimeClass, Default }

        /// <summary>
        /// A workload object's facts: one workload with the evidence it gives on its own, its interface evidence
        /// first; the Services' evidence goes after that when every file has been read. A repository's records are
        /// all held until then, so labels and port names are arrays (most pods have one label and one port name or none).
        /// </summary>
        internal sealed class Pod
        {
            private static readonly (string Key, string? Value)[] NoLabels = Array.Empty<(string, string?)>();

            public Pod(RawWorkload workload) { Workload = workload; }
            public RawWorkload Workload { get; }
            /// <summary>How many of its evidence are its own interface evidence (probes, container ports, or a Job's headless): the Services' go after them.</summary>
            public int OwnInterface { get; set; }
            public bool RunsToCompletion { get; set; }
            public Location KindLocation { get; set; } = null!;
            public string KindText { get; set; } = "";
            /// <summary>The pod's labels with a scalar key, in order (a Service selects through them).</summary>
            public (string Key, string? Value)[] Labels { get; set; } = NoLabels;
            /// <summary>Port names of every container, init containers included, each once (a named targetPort routes to them).</summary>
            public string[] PortNames { get; set; } = Array.Empty<string>();
            public TargetKind Target { get; set; }
            public string? RuntimeClass { get; set; }
            public Location TargetLocation { get; set; } = null!;
            public string TargetText { get; set; } = "";

            internal void Share(StringPool pool)
            {
                Workload.Share(pool);
                KindText = pool.Share(KindText)!;
                TargetText = pool.Share(TargetText)!;
                RuntimeClass = pool.Share(RuntimeClass);
                for (int i = 0; i < Labels.Length; i++) Labels[i] = (pool.Share(Labels[i].Key)!, pool.Share(Labels[i].Value));
                for (int i = 0; i < PortNames.Length; i++) PortNames[i] = pool.Share(PortNames[i])!;
            }
        }

        /// <summary>Phase 1 of one file: its objects and what it reported, apart from every other file.</summary>
        internal sealed class FileRead
        {
            public FileRead(Limits limits) { Context = new ReadContext(limits); }
            public ReadContext Context { get; }
            internal List<KObject> Objects { get; } = new List<KObject>();
            /// <summary>A kustomization's patch files (normalized) and the kustomization naming them.</summary>
            public List<(string Patch, string By)> Patches { get; } = new List<(string, string)>();
        }

        /// <summary>Phase 1 of every file, in the order the files are given: what <see cref="Read"/> made of each.</summary>
        public void Add(FileRead read)
        {
            _ctx.Merge(read.Context);
            _objects.AddRange(read.Objects);
            foreach (var (patch, by) in read.Patches) _patches[patch] = by;
        }

        /// <summary>Phase 1: reads one YAML file that is not a compose file; thread-safe. Other tools' YAML is ignored silently.</summary>
        public static void Read(string file, byte[] bytes, FileRead into)
        {
            var ctx = into.Context;
            if (bytes.LongLength > ctx.Limits.MaxFileBytes)
            {
                // Too large to read: reported only when its start looks like a manifest.
                var head = Text.Decode(bytes.Take(4096).ToArray()) ?? "";
                if (LooksLikeManifest(head)) ctx.Finding(RuleIds.LimitExceeded, file, SourceSpan.FileStart, $"the file is {bytes.LongLength} bytes; the limit is {ctx.Limits.MaxFileBytes} bytes");
                return;
            }
            var text = Text.Decode(bytes);
            if (text != null && text.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                if (LooksLikeManifest(text) || file.Contains("/templates/") || file.StartsWith("templates/", StringComparison.Ordinal))
                    ctx.Note(file, "skipped: a Helm template (it contains '{{'); render it first with 'helm template ... > rendered.yaml' and scan the output");
                return;
            }
            // DeployAdvisor's own descriptors are lint's business, not artifacts (and never reported twice).
            if (text != null && text.IndexOf("apiVersion: deployadvisor/", StringComparison.Ordinal) >= 0) return;
            // The fast reader's events, walked in place, when the tree builder would take them as they are: manifests are
            // block mappings and sequences of one-line scalars. Anything else, and every error, is YamlReader's: its tree
            // is written out as a tape, so that what follows reads one form. The text is decoded once when it is text;
            // bytes that are not (NUL, bad UTF-8) are YamlReader's to report.
            var tape = text != null && !TreeOnly ? ManifestTape.Fast(text, ctx.Limits) : null;
            try
            {
                YamlText? yaml = null;
                if (tape is null)
                {
                    yaml = text != null ? YamlReader.Read(text, ctx.Limits, BlockMappingReader.Instance) : YamlReader.Read(bytes, ctx.Limits, BlockMappingReader.Instance);
                    tape = ManifestTape.FromTree(yaml.Documents);
                }
                Read(file, text, yaml, tape, into);
            }
            finally { tape?.Release(); }
        }

        /// <summary>Reads every manifest through YamlReader's tree, never the fast reader's events in place: for tests that compare the two.</summary>
        internal static bool TreeOnly { get; set; }

        private static void Read(string file, string? text, YamlText? yaml, ManifestTape tape, FileRead into)
        {
            var ctx = into.Context;
            var fileName = ArtifactPaths.FileName(file);
            int documents = tape.Roots.Count;
            if (fileName == "kustomization.yaml" || fileName == "kustomization.yml" || fileName == "Kustomization")
            {
                for (int d = 0; d < documents; d++) Kustomization(file, tape.Root(d), into.Patches);
                return;
            }
            // A broken file is reported only when it looks like a manifest: other tools' YAML is not ours to judge.
            if (yaml != null && yaml.Findings.Count > 0 && text != null && (LooksLikeManifest(text) || AnyManifest(tape)))
                ctx.AddYamlFindings(file, yaml);
            if (text is null) return;
            var lines = new SourceLines(text);
            for (int d = 0; d < documents; d++)
            {
                var root = tape.Root(d);
                if (!root.IsMapping || !IsManifest(root)) continue;
                var kind = root.Get("kind").Str!;
                if (kind == "List")
                {
                    foreach (var item in root.Get("items").Items)
                        if (item.IsMapping && IsManifest(item)) into.Objects.Add(Record(file, lines, item));
                    continue;
                }
                into.Objects.Add(Record(file, lines, root));
            }
        }

        private static bool AnyManifest(ManifestTape tape)
        {
            for (int d = 0; d < tape.Roots.Count; d++) if (IsManifest(tape.Root(d))) return true;
            return false;
        }

        /// <summary>Files a kustomization names as patches: partial objects, not workloads (overlays are not applied).</summary>
        private readonly Dictionary<string, string> _patches = new Dictionary<string, string>(StringComparer.Ordinal);

        private static void Kustomization(string file, TapeNode root, List<(string, string)> patches)
        {
            var dir = ArtifactPaths.Directory(file);
            var paths = new List<string?>();
            foreach (var p in root.Get("patchesStrategicMerge").Items) paths.Add(p.Str);
            foreach (var key in PatchKeys)
                foreach (var p in root.Get(key).Items) paths.Add(p.Get("path").Str);
            foreach (var p in paths)
                if (p != null && !p.Contains("://")) patches.Add((ArtifactPaths.Combine(dir, p), file));
        }

        /// <summary>The compact record of one object: the facts of its kind, read while its tape is at hand.</summary>
        private static KObject Record(string file, SourceLines lines, TapeNode root)
        {
            root.TryEntry("kind", out _, out var kindNode);
            var metadata = root.Get("metadata");
            var o = new KObject(file, root.Get("apiVersion").Str!, kindNode.Value!, kindNode.Span,
                metadata.Get("name").Str, metadata.Get("namespace").Str ?? "");
            switch (o.Kind)
            {
                case "RuntimeClass":
                    var runtimeClass = o.Context = new ContextFacts();
                    runtimeClass.Handler = root.Get("handler").Str;
                    if (root.Path("overhead", "podFixed").TryEntry("memory", out var mk, out var mv) && mv.Str is string quantity)
                    {
                        SourceSpan ks = mk.Span, vs = mv.Span;
                        runtimeClass.Overhead = (quantity, new SourceSpan(ks.Line, ks.Column, vs.EndLine, vs.EndColumn), lines.Quote(ks, vs));
                    }
                    break;
                case "Service":
                    var service = o.Context = new ContextFacts();
                    var spec = root.Get("spec");
                    var selector = spec.Get("selector");
                    if (selector.IsMapping && !selector.IsEmpty)
                    {
                        service.Selector = new List<(string?, string?)>();
                        foreach (var e in selector.Entries) service.Selector.Add((e.Key.Value, e.Value.Str));
                    }
                    foreach (var port in spec.Get("ports").Items)
                    {
                        TapeNode key; TapeNode value;
                        if (port.TryEntry("appProtocol", out key, out value) && IsHttpProtocol(value.Str)
                            || port.TryEntry("name", out key, out value) && IsHttpName(value.Str))
                        {
                            SourceSpan ks = key.Span, vs = value.Span;
                            service.Ports.Add(new ServicePort(port.Get("targetPort").Str, new Location(file, Span(ks, vs)), lines.Quote(ks, vs)));
                        }
                    }
                    break;
                case "Ingress":
                    var ingress = o.Context = new ContextFacts();
                    foreach (var (key, value, name) in Backends(root))
                    {
                        SourceSpan ks = key.Span, vs = value.Span;
                        ingress.Backends.Add((new Location(file, Span(ks, vs)), lines.Quote(ks, vs), name));
                    }
                    break;
                default:
                    if (WorkloadKinds.Contains(o.Kind) && o.Name != null
                        && !(o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal) && !o.ApiVersion.StartsWith("kubevirt.io/", StringComparison.Ordinal)))
                        o.Pod = ReadPod(o, lines, root, kindNode);
                    break;
            }
            return o;
        }

        private static bool IsManifest(TapeNode root) => root.Get("apiVersion").Str != null && root.Get("kind").IsScalar && root.Get("kind").Str != null;

        private static bool LooksLikeManifest(string text)
            => (text.StartsWith("apiVersion:", StringComparison.Ordinal) || text.Contains("\napiVersion:")) && (text.StartsWith("kind:", StringComparison.Ordinal) || text.Contains("\nkind:"));

        /// <summary>Phase 2: the workloads, with Services, Ingresses and RuntimeClasses of every file as context; platform figures.</summary>
        public List<RawWorkload> Workloads()
        {
            var result = new List<RawWorkload>();
            var runtimeClasses = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var o in _objects.Where(o => o.Kind == "RuntimeClass" && o.Name != null))
            {
                runtimeClasses[o.Name!] = o.Context!.Handler;
                if (o.Context.Overhead is var (quantity, span, text))
                    _ctx.Platform.Add(new PlatformFigure(o.Name!, quantity, Vocabulary.QuantityAsSize(quantity), new Location(o.File, span), text));
            }
            if (_patches.Count > 0)
            {
                foreach (var patch in _objects.Select(o => o.File).Distinct().Where(_patches.ContainsKey).ToList())
                    _ctx.Note(patch, $"not read: a Kustomize patch named by {_patches[patch]} (overlays are not applied; the base files are read as they are)");
                _objects.RemoveAll(o => _patches.ContainsKey(o.File));
            }
            for (int i = 0; i < _objects.Count; i++) _objects[i].Index = i;
            var index = new ContextIndex(_objects.Where(o => o.Kind == "Service"), _objects.Where(o => o.Kind == "Ingress"));
            foreach (var o in _objects)
            {
                if (!WorkloadKinds.Contains(o.Kind)) continue;
                if (o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal) && !o.ApiVersion.StartsWith("kubevirt.io/", StringComparison.Ordinal)) continue;
                if (o.Name is null)
                {
                    _ctx.Note(o.File, $"a {o.Kind} at line {o.KindSpan.Line} has no metadata.name: not read as a workload");
                    continue;
                }
                result.Add(Finish(o, o.Pod!, index, runtimeClasses));
            }
            return result;
        }

        /// <summary>A workload object's record finished with the other objects: Services and Ingresses reaching it, its RuntimeClass's handler.</summary>
        private static RawWorkload Finish(KObject o, Pod pod, ContextIndex index, Dictionary<string, string?> runtimeClasses)
        {
            var w = pod.Workload;
            // Room for what is added here (the interface's headless or a Service's port, and the target) in one step: the list was trimmed to its own evidence.
            w.Reserve(2);
            if (!pod.RunsToCompletion)
            {
                int interfaceEnd = HttpEvidenceOfServices(o, pod, w, index);
                if (interfaceEnd == 0)
                    w.Insert(0, ArtifactFields.Interface, "headless", pod.KindLocation, pod.KindText, "no HTTP evidence: no httpGet or grpc probe, no HTTP port, no Service or Ingress reaching it", fallback: true);
            }

            // deployment.target
            switch (pod.Target)
            {
                case TargetKind.KubeVirt:
                    w.Add(ArtifactFields.Target, "vm", pod.KindLocation, pod.KindText, "a KubeVirt virtual machine");
                    break;
                case TargetKind.RuntimeClass:
                    var runtimeClass = pod.RuntimeClass!;
                    runtimeClasses.TryGetValue(runtimeClass, out var handler);
                    bool sandbox = Vocabulary.IsSandboxRuntime(runtimeClass) || Vocabulary.IsSandboxRuntime(handler);
                    var reason = handler != null ? $"RuntimeClass {runtimeClass} has handler {handler}" : null;
                    w.Add(ArtifactFields.Target, sandbox ? "sandboxed-container" : "container", pod.TargetLocation, pod.TargetText,
                        (reason != null ? reason + ": " : "") + (sandbox ? "a sandbox runtime" : "not a sandbox runtime"));
                    break;
                case TargetKind.Default:
                    w.Add(ArtifactFields.Target, "container", pod.TargetLocation, pod.TargetText, "no runtimeClassName: the default runtime, a plain container", fallback: true);
                    break;
            }
            return w;
        }

        /// <summary>What a workload object says on its own, read from its tape.</summary>
        private static Pod ReadPod(KObject o, SourceLines lines, TapeNode root, TapeNode kindNode)
        {
            root.TryEntry("metadata", out _, out var metadata);
            metadata.TryEntry("name", out var nameKey, out var nameValue);
            var source = new ArtifactSource(ArtifactKind.Kubernetes, $"{o.Kind} {o.Name}", o.Name!, new Location(o.File, Span(nameKey, nameValue)));
            var w = new RawWorkload(source, o.File);
            var pod = new Pod(w);
            var kindSpan = kindNode.Span;
            var kindLoc = new Location(o.File, kindSpan);
            var kindText = lines.Quote(kindSpan);
            pod.KindLocation = kindLoc; pod.KindText = kindText;

            // The pod template: where the pod spec and its labels are for each kind.
            TapeNode template = o.Kind switch
            {
                "Pod" or "VirtualMachineInstance" => root,
                "CronJob" => root.Path("spec", "jobTemplate", "spec", "template"),
                _ => root.Path("spec", "template"),
            };
            template.TryEntry("spec", out var specKey, out var podSpecNode);
            var podSpec = podSpecNode.IsMapping ? podSpecNode : default;
            var podMeta = template.Get("metadata");
            bool kubeVirt = o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal);
            var containers = new List<Container>(2);
            foreach (var c in podSpec.Get("containers").Items) if (c.IsMapping) containers.Add(new Container(c, false));
            foreach (var c in podSpec.Get("initContainers").Items) if (c.IsMapping) containers.Add(new Container(c, true));
            var labels = podMeta.Get("labels").Entries;
            int labelCount = 0;
            foreach (var label in labels) if (label.Key.IsScalar) labelCount++;
            if (labelCount > 0)
            {
                pod.Labels = new (string, string?)[labelCount];
                labelCount = 0;
                foreach (var label in labels)
                    if (label.Key.Value is string lk) pod.Labels[labelCount++] = (lk, label.Value.Str);
            }
            List<string>? portNames = null;
            foreach (var c in containers)
                foreach (var port in c.Ports.Items)
                    if (port.Get("name").Str is string portName && !(portNames ??= new List<string>()).Contains(portName)) portNames.Add(portName);
            if (portNames != null) pod.PortNames = portNames.ToArray();

            // interface: what the containers say; Services and Ingresses are added when every file has been read.
            if (o.Kind == "Job" || o.Kind == "CronJob")
            {
                pod.RunsToCompletion = true;
                w.Add(ArtifactFields.Interface, "headless", kindLoc, kindText, $"a {o.Kind} runs to completion");
            }
            else
                foreach (var c in containers) HttpEvidenceOfContainer(o, lines, w, c);

            pod.OwnInterface = w.EvidenceCount;
            // os
            var nodeSelector = podSpec.Get("nodeSelector");
            foreach (var key in OsLabels)
            {
                if (nodeSelector.TryEntry(key, out var osKey, out var osValue) && osValue.Str is string os)
                {
                    if (os == "windows" || os == "linux") Add(o, lines, w, ArtifactFields.Os, os, osKey, osValue);
                }
            }

            // host: privileged, hostAccess, kernelModules, devices — unions over every container, init containers included.
            foreach (var flag in HostFlags)
                if (podSpec.TryEntry(flag, out var fk, out var fv) && fv.IsTrue) Add(o, lines, w, ArtifactFields.HostAccess, true, fk, fv);
            HostProcess(o, lines, w, podSpec.Get("securityContext"));
            foreach (var v in podSpec.Get("volumes").Items)
            {
                if (!v.Get("hostPath").TryEntry("path", out var pk, out var pv) || !(pv.Str is string path)) continue;
                var p = path.TrimEnd('/');
                if (!path.StartsWith("/dev/", StringComparison.Ordinal))
                    Add(o, lines, w, ArtifactFields.HostAccess, true, pk, pv, "a hostPath volume outside /dev/ reaches the host's file system");
                if (p == "/lib/modules" || p.StartsWith("/lib/modules/", StringComparison.Ordinal) || p == "/usr/lib/modules" || p.StartsWith("/usr/lib/modules/", StringComparison.Ordinal))
                    Add(o, lines, w, ArtifactFields.KernelModules, true, pk, pv, "the host's kernel modules are mounted");
            }
            foreach (var c in containers)
            {
                var sc = c.SecurityContext;
                if (sc.TryEntry("privileged", out var pk, out var pv) && pv.IsTrue) Add(o, lines, w, ArtifactFields.Privileged, true, pk, pv);
                foreach (var cap in sc.Path("capabilities", "add").Items)
                {
                    if (!(cap.Str is string written)) continue;
                    var name = Vocabulary.Capability(written);
                    if (!Vocabulary.BaselineCapabilities.Contains(name))
                        Add(o, lines, w, ArtifactFields.Privileged, true, cap, cap, $"capability {name} is outside the Pod Security Standards Baseline list");
                    if (name == "SYS_MODULE" || name == "ALL")
                        Add(o, lines, w, ArtifactFields.KernelModules, true, cap, cap, $"capability {name} loads kernel modules");
                }
                HostProcess(o, lines, w, sc);
                foreach (var section in ResourceSections)
                {
                    foreach (var e in c.Resources.Get(section).Entries)
                    {
                        if (e.Key.Value is string resource && IsGpuResource(resource) && e.Value.Str != "0")
                            Add(o, lines, w, ArtifactFields.Devices, new[] { "gpu" }, e.Key, e.Value, $"{resource} in resources.{section}");
                    }
                }
            }

            // budgets.startup: the main container's startupProbe, else its livenessProbe.
            var appContainers = new List<Container>(containers.Count);
            foreach (var c in containers) if (!c.Init) appContainers.Add(c);
            if (MainContainer(o, root, podMeta, appContainers) is Container main)
            {
                foreach (var probeName in StartupProbes)
                {
                    var (probeKey, probe) = probeName == "startupProbe" ? main.StartupProbe : main.LivenessProbe;
                    if (probeKey.IsNull) continue;
                    int? delay = Field(probe, "initialDelaySeconds", 0), failures = Field(probe, "failureThreshold", 3), period = Field(probe, "periodSeconds", 10);
                    if (delay is null || failures is null || period is null || delay < 0 || failures < 0 || period < 0) break;
                    long seconds = delay.Value + (long)failures.Value * period.Value;
                    var value = Duration.FromSeconds(seconds).ToString();
                    var probeKeySpan = probeKey.Span;
                    w.Add(ArtifactFields.Startup, value, new Location(o.File, Span(probeKeySpan, probe.Span)), lines.Quote(probeKeySpan),
                        $"{probeName} of container {main.Name.Str ?? "(unnamed)"}: initialDelaySeconds {delay} + failureThreshold {failures} × periodSeconds {period} = {seconds}s");
                    break;
                }
            }

            // operations.instances
            if (o.Kind != "DaemonSet")
            {
                if (root.Get("spec").TryEntry("replicas", out var rk, out var rv) && (o.Kind == "Deployment" || o.Kind == "StatefulSet" || o.Kind == "ReplicaSet"))
                {
                    if (rv.Int is int replicas && replicas >= 0) Add(o, lines, w, ArtifactFields.Instances, replicas, rk, rv);
                }
                else
                    w.Add(ArtifactFields.Instances, 1, kindLoc, kindText, o.Kind == "Deployment" || o.Kind == "StatefulSet" || o.Kind == "ReplicaSet" ? "no replicas: Kubernetes runs 1" : $"a {o.Kind} runs one instance", fallback: true);
            }

            // deployment.target: the RuntimeClass's handler is looked up when every file has been read.
            if (kubeVirt) pod.Target = TargetKind.KubeVirt;
            else if (podSpec.TryEntry("runtimeClassName", out var rck, out var rcv) && rcv.Str is string runtimeClass)
            {
                pod.Target = TargetKind.RuntimeClass;
                pod.RuntimeClass = runtimeClass;
                SourceSpan ks = rck.Span, vs = rcv.Span;
                pod.TargetLocation = new Location(o.File, Span(ks, vs));
                pod.TargetText = lines.Quote(ks, vs);
            }
            else if (!podSpec.IsNull)
            {
                pod.Target = TargetKind.Default;
                var specSpan = specKey.Span;
                pod.TargetLocation = new Location(o.File, specSpan);
                pod.TargetText = lines.Quote(specSpan);
            }
            return pod;
        }

        private static int? Field(TapeNode probe, string key, int defaultValue)
            => probe.Get(key) is var n && !n.IsNull ? n.Int : defaultValue;

        private static bool IsGpuResource(string name)
            => name == "nvidia.com/gpu" || name == "amd.com/gpu" || name.StartsWith("gpu.intel.com/", StringComparison.Ordinal);

        private static void HostProcess(KObject o, SourceLines lines, RawWorkload w, TapeNode securityContext)
        {
            if (securityContext.Get("windowsOptions").TryEntry("hostProcess", out var hk, out var hv) && hv.IsTrue)
            {
                Add(o, lines, w, ArtifactFields.Privileged, true, hk, hv, "a Windows HostProcess container runs with the host's privileges");
                Add(o, lines, w, ArtifactFields.HostAccess, true, hk, hv, "a Windows HostProcess container runs on the host");
            }
        }

        /// <summary>The kubectl.kubernetes.io/default-container one, else the one named like the workload, else the first (never an init container).</summary>
        private static Container? MainContainer(KObject o, TapeNode root, TapeNode podMeta, List<Container> containers)
        {
            var named = podMeta.Path("annotations", "kubectl.kubernetes.io/default-container").Str
                ?? root.Path("metadata", "annotations", "kubectl.kubernetes.io/default-container").Str;
            if (named != null && Named(containers, named) is Container annotated) return annotated;
            return Named(containers, o.Name) ?? (containers.Count > 0 ? containers[0] : null);
        }

        private static Container? Named(List<Container> containers, string? name)
        {
            foreach (var c in containers) if (c.Name.Str == name) return c;
            return null;
        }

        /// <summary>
        /// A container's entries that are read, found in one pass over its keys (each was a lookup from the
        /// container's first key, a dozen per container); the first of a key written twice, as a lookup finds it.
        /// A class: a struct of ten nodes cost more in copies than it saved.
        /// </summary>
        private sealed class Container
        {
            public Container(TapeNode node, bool init)
            {
                Init = init;
                TapeNode name = default, ports = default, securityContext = default, resources = default;
                (TapeNode, TapeNode) readiness = default, liveness = default, startup = default;
                foreach (var e in node.Entries)
                {
                    switch (e.Key.Value)
                    {
                        case "name": if (name.IsNull) name = e.Value; break;
                        case "ports": if (ports.IsNull) ports = e.Value; break;
                        case "securityContext": if (securityContext.IsNull) securityContext = e.Value; break;
                        case "resources": if (resources.IsNull) resources = e.Value; break;
                        case "readinessProbe": if (readiness.Item1.IsNull) readiness = (e.Key, e.Value); break;
                        case "livenessProbe": if (liveness.Item1.IsNull) liveness = (e.Key, e.Value); break;
                        case "startupProbe": if (startup.Item1.IsNull) startup = (e.Key, e.Value); break;
                    }
                }
                Name = name; Ports = ports; SecurityContext = securityContext; Resources = resources;
                ReadinessProbe = readiness; LivenessProbe = liveness; StartupProbe = startup;
            }
            public bool Init { get; }
            public TapeNode Name { get; }
            public TapeNode Ports { get; }
            public TapeNode SecurityContext { get; }
            public TapeNode Resources { get; }
            /// <summary>A probe's key and value (null nodes when the container has none).</summary>
            public (TapeNode Key, TapeNode Value) ReadinessProbe { get; }
            public (TapeNode Key, TapeNode Value) LivenessProbe { get; }
            public (TapeNode Key, TapeNode Value) StartupProbe { get; }

            public TapeNode Probe(string probeName)
                => (probeName == "readinessProbe" ? ReadinessProbe : probeName == "livenessProbe" ? LivenessProbe : StartupProbe).Value;
        }

        /// <summary>A port name that says HTTP: http, https, grpc, h2c, http2, or one of them followed by '-' (the Istio convention).</summary>
        internal static bool IsHttpName(string? name)
        {
            if (string.IsNullOrEmpty(name)) return false;
            var n = name!.ToLowerInvariant();
            foreach (var p in HttpNames)
                if (n == p || n.Length > p.Length && n[p.Length] == '-' && n.StartsWith(p, StringComparison.Ordinal)) return true;
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

        private static void HttpEvidenceOfContainer(KObject o, SourceLines lines, RawWorkload w, Container c)
        {
            foreach (var probeName in HttpProbes)
            {
                var probe = c.Probe(probeName);
                foreach (var handler in HttpHandlers)
                    if (probe.TryEntry(handler, out var hk, out var hv))
                        Add(o, lines, w, ArtifactFields.Interface, "web", hk, hv, $"{probeName} {handler}");
            }
            foreach (var port in c.Ports.Items)
            {
                if (port.TryEntry("name", out var nk, out var nv) && IsHttpName(nv.Str))
                    Add(o, lines, w, ArtifactFields.Interface, "web", nk, nv, "a container port named for HTTP");
            }
        }

        private static bool Selects(KObject service, Pod pod)
        {
            var selector = service.Context!.Selector;
            if (selector is null) return false;
            foreach (var (key, value) in selector)
            {
                if (key is null) return false;
                string? label = null;
                foreach (var l in pod.Labels) if (l.Key == key) { label = l.Value; break; }
                if (label != value || value is null) return false;
            }
            return true;
        }

        /// <summary>
        /// Services by the first pair of their selector, Ingress backends by Service name: a pod's
        /// Services are found through its labels, so thousands of manifests stay linear.
        /// </summary>
        private sealed class ContextIndex
        {
            public Dictionary<string, List<KObject>> ServicesByPair { get; } = new Dictionary<string, List<KObject>>(StringComparer.Ordinal);
            public Dictionary<string, List<(KObject Ingress, Location Location, string Text)>> BackendsByService { get; } = new Dictionary<string, List<(KObject, Location, string)>>(StringComparer.Ordinal);

            public ContextIndex(IEnumerable<KObject> services, IEnumerable<KObject> ingresses)
            {
                foreach (var s in services)
                {
                    var selector = s.Context!.Selector;
                    if (selector is null || !(selector[0].Key is string k) || selector[0].Value is null) continue;
                    var pair = k + "=" + selector[0].Value;
                    if (!ServicesByPair.TryGetValue(pair, out var list)) ServicesByPair[pair] = list = new List<KObject>();
                    list.Add(s);
                }
                foreach (var ing in ingresses)
                    foreach (var (location, text, service) in ing.Context!.Backends)
                    {
                        if (!BackendsByService.TryGetValue(service, out var list)) BackendsByService[service] = list = new List<(KObject, Location, string)>();
                        list.Add((ing, location, text));
                    }
            }
        }

        /// <summary>The Services' and Ingresses' evidence, inserted after the pod's own interface evidence; returns where the interface evidence ends.</summary>
        private static int HttpEvidenceOfServices(KObject o, Pod pod, RawWorkload w, ContextIndex index)
        {
            int at = pod.OwnInterface;
            if (index.ServicesByPair.Count == 0) return at; // Ingresses reach a pod only through a Service
            var candidates = new List<KObject>();
            foreach (var (lk, lv) in pod.Labels)
                if (lv != null && index.ServicesByPair.TryGetValue(lk + "=" + lv, out var found))
                    foreach (var s in found) if (!candidates.Contains(s)) candidates.Add(s);
            candidates.Sort((a, b) => a.Index.CompareTo(b.Index));
            foreach (var s in candidates)
            {
                if (!s.SameNamespace(o) || !Selects(s, pod)) continue;
                foreach (var port in s.Context!.Ports)
                {
                    // A named targetPort routes only to a pod with a container port of that name.
                    var target = port.Target;
                    bool named = target != null && !int.TryParse(target, out _);
                    if (named && !o.Kind.StartsWith("VirtualMachine", StringComparison.Ordinal) && Array.IndexOf(pod.PortNames, target) < 0) continue;
                    w.Insert(at++, ArtifactFields.Interface, "web", port.Location, port.Text,
                        $"Service {s.Name} selects this pod" + (named ? $" (targetPort {target} is a container port of this pod)" : ""));
                    w.AddFile(s.File);
                }
                if (s.Name is null || !index.BackendsByService.TryGetValue(s.Name, out var backends)) continue;
                foreach (var (ing, location, text) in backends)
                {
                    if (!s.SameNamespace(ing)) continue;
                    w.Insert(at++, ArtifactFields.Interface, "web", location, text, $"Ingress {ing.Name} reaches this pod through Service {s.Name}");
                    w.AddFile(ing.File);
                    w.AddFile(s.File);
                }
            }
            return at;
        }

        /// <summary>Ingress backends: networking.k8s.io/v1 (backend.service.name) and v1beta1 (backend.serviceName).</summary>
        private static IEnumerable<(TapeNode Key, TapeNode Value, string Service)> Backends(TapeNode root)
        {
            var spec = root.Get("spec");
            var backends = new List<TapeNode> { spec.Get("defaultBackend"), spec.Get("backend") };
            foreach (var rule in spec.Get("rules").Items)
                foreach (var path in rule.Path("http", "paths").Items)
                    backends.Add(path.Get("backend"));
            foreach (var b in backends)
            {
                if (b.IsNull) continue;
                if (b.Get("service").TryEntry("name", out var k, out var v) && v.Str is string n) yield return (k, v, n);
                else if (b.TryEntry("serviceName", out k, out v) && v.Str is string n1) yield return (k, v, n1);
            }
        }

        // The names looked up in every workload object, made once (an array per loop before).
        private static readonly string[] PatchKeys = { "patches", "patchesJson6902" };
        private static readonly string[] OsLabels = { "kubernetes.io/os", "beta.kubernetes.io/os" };
        private static readonly string[] HostFlags = { "hostPID", "hostIPC", "hostNetwork" };
        private static readonly string[] ResourceSections = { "limits", "requests" };
        private static readonly string[] StartupProbes = { "startupProbe", "livenessProbe" };
        private static readonly string[] HttpProbes = { "readinessProbe", "livenessProbe", "startupProbe" };
        private static readonly string[] HttpHandlers = { "httpGet", "grpc" };
        private static readonly string[] HttpNames = { "http", "https", "grpc", "h2c", "http2", "grpc-web" };


        private static void Add(KObject o, SourceLines lines, RawWorkload w, string field, object value, TapeNode key, TapeNode node, string? reason = null)
        {
            // Each node's span is made once: a span is a new object, and this is what every piece of evidence is quoted with.
            SourceSpan ks = key.Span, vs = node.Span;
            w.Add(field, value, new Location(o.File, Span(ks, vs)), lines.Quote(ks, vs), reason);
        }

        private static SourceSpan Span(TapeNode key, TapeNode value) => Span(key.Span, value.Span);

        /// <summary>From the key to the end of its value; the key alone when the value is an alias to a node written before it.</summary>
        private static SourceSpan Span(SourceSpan key, SourceSpan value)
            => value.CompareTo(key) > 0 ? new SourceSpan(key.Line, key.Column, value.EndLine, value.EndColumn) : key;
    }
}
