using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    /// <summary>
    /// Manifests are read from the fast reader's events in place (a tape) when the tree builder would accept them as
    /// they are, and through YamlReader's tree otherwise: the scan must be the same either way, facts, evidence,
    /// places, quotes, findings and notes. The tree route is forced by the reader's internal switch.
    /// </summary>
    public class ManifestTapeTests
    {
        private static readonly Type Reader = typeof(ArtifactScanner).Assembly.GetType("DeployAdvisor.Engine.Artifacts.KubernetesReader", throwOnError: true)!;
        private static readonly Type TapeType = typeof(ArtifactScanner).Assembly.GetType("DeployAdvisor.Engine.Artifacts.ManifestTape", throwOnError: true)!;
        private static readonly object Switch = new object();

        private static ScanResult ScanWith(bool treeOnly, ArtifactScanOptions options, (string Path, string Text)[] files)
        {
            var property = Reader.GetProperty("TreeOnly", BindingFlags.NonPublic | BindingFlags.Static)!;
            lock (Switch)
            {
                property.SetValue(null, treeOnly);
                try { return Scan.Files(options, files); }
                finally { property.SetValue(null, false); }
            }
        }

        /// <summary>Whether the tape is read from the fast reader's events in place (else through the tree).</summary>
        private static bool TakesFastRoute(string text, Limits limits)
        {
            var tape = TapeType.GetMethod("Fast", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { text, limits });
            if (tape is null) return false;
            TapeType.GetMethod("Release")!.Invoke(tape, null);
            return true;
        }

        private static string Render(ScanResult r)
        {
            var sb = new StringBuilder();
            static string Place(Location? l) => l is null ? "-" : $"{l.File}:{l.Span.Line}:{l.Span.Column}-{l.Span.EndLine}:{l.Span.EndColumn}";
            void Evidence(Evidence e) => sb.Append("    ").Append(e.Field).Append(" = ").Append(Format(e.Value)).Append(" | ").Append(Place(e.Location))
                .Append(" | ").Append(e.Text).Append(" | ").Append(e.Reason).Append(" | ").Append(e.IsFallback).Append(" | ").Append(e.Source.Description).Append(' ').Append(Place(e.Source.Location)).Append('\n');
            foreach (var w in r.Workloads)
            {
                sb.Append("workload ").Append(w.Name).Append(" artifacts ").Append(string.Join(",", w.Artifacts)).Append(" notes ").Append(string.Join(";", w.Notes)).Append('\n');
                foreach (var s in w.Sources) sb.Append("  source ").Append(s.Description).Append(' ').Append(Place(s.Location)).Append('\n');
                foreach (var f in w.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    sb.Append("  ").Append(f.Key).Append(" = ").Append(Format(f.Value.Value)).Append('\n');
                    foreach (var e in f.Value.Evidence) Evidence(e);
                }
                foreach (var c in w.Conflicts)
                {
                    sb.Append("  conflict ").Append(c.Field).Append('\n');
                    foreach (var f in c.Candidates) foreach (var e in f.Evidence) Evidence(e);
                }
            }
            foreach (var p in r.Platform) sb.Append("platform ").Append(p.RuntimeClass).Append(' ').Append(p.MemoryOverhead).Append(' ').Append(p.Suggested).Append(' ').Append(Place(p.Location)).Append(' ').Append(p.Text).Append('\n');
            foreach (var f in r.Findings) sb.Append("finding ").Append(f.RuleId).Append(' ').Append(f.Severity).Append(' ').Append(Place(f.Location)).Append(' ').Append(f.Message).Append('\n');
            foreach (var n in r.Notes) sb.Append("note ").Append(n).Append('\n');
            return sb.ToString();
        }

        private static string Format(object? value) => value is IEnumerable<string> list && !(value is string) ? "[" + string.Join(", ", list) + "]" : value?.ToString() ?? "null";

        private const string Web = @"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    kubectl.kubernetes.io/default-container: app
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      runtimeClassName: gvisor
      hostNetwork: true
      nodeSelector:
        kubernetes.io/os: linux
      securityContext:
        windowsOptions:
          hostProcess: false
      initContainers:
      - name: init
        image: busybox
        ports:
        - name: http-init
          containerPort: 81
      containers:
      - name: sidecar
        image: envoy
      - name: app
        image: nginx:1.25
        ports:
          - name: http
            containerPort: 8080
          - containerPort: 9090
        startupProbe:
          httpGet:
            path: /healthz
            port: 8080
          initialDelaySeconds: 5
          failureThreshold: 30
          periodSeconds: 2
        livenessProbe:
          grpc:
            port: 9090
        securityContext:
          privileged: True
          capabilities:
            add:
            - NET_ADMIN
            - SYS_MODULE
            - CHOWN
        resources:
          limits:
            nvidia.com/gpu: 1
            memory: 1Gi
          requests:
            amd.com/gpu: ""0""
      volumes:
      - name: modules
        hostPath:
          path: /lib/modules/
      - name: dev
        hostPath:
          path: /dev/kvm
      - name: empty
        emptyDir:
          medium: Memory
";

        private const string Services = @"apiVersion: v1
kind: Service
metadata:
  name: web-svc
  namespace: shop
spec:
  selector:
    app: web
    tier: front
  ports:
  - name: http
    port: 80
    targetPort: http
  - appProtocol: kubernetes.io/h2c
    port: 81
    targetPort: 8081
  - name: metrics
    port: 9100
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-ing
  namespace: shop
spec:
  defaultBackend:
    service:
      name: web-svc
  rules:
  - host: shop.example
    http:
      paths:
      - path: /
        backend:
          service:
            name: web-svc
            port:
              number: 80
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: old-ing
spec:
  backend:
    serviceName: web-svc
    servicePort: 80
...
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: gvisor
handler: runsc
overhead:
  podFixed:
    memory: 120Mi
    cpu: 250m
";

        private const string Kinds = @"apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: '0 3 1 1 1'
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: nightly
            image: 'report:1'
            livenessProbe:
              exec:
                command:
                - ""true""
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      hostPID: TRUE
      containers:
      - name: once
        image: x
---
apiVersion: v1
kind: Pod
metadata:
  name: lonely
spec:
  containers:
  - name: lonely
    image: x
    readinessProbe:
      httpGet:
        port: 80
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
      - name: agent
        image: x
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: ~
  template:
    spec:
      containers:
      - name: db
        image: x
---
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm1
spec:
  template:
    spec:
      domain:
        devices:
          disks: none
---
apiVersion: example.com/v1
kind: VirtualMachine
metadata:
  name: not-kubevirt
---
apiVersion: apps/v1
kind: Deployment
metadata:
  namespace: nameless
spec:
  replicas: -1
";

        private const string List = @"apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: listed
  spec:
    replicas: 2
    template:
      metadata:
        labels:
          app: listed
      spec:
        containers:
        - name: listed
          image: x
          ports:
          - name: grpc-api
            containerPort: 50051
- apiVersion: v1
  kind: Service
  metadata:
    name: listed-svc
  spec:
    selector:
      app: listed
    ports:
    - name: http
      targetPort: grpc-api
- just a string
- kind: NoApiVersion
";

        private const string Kustomization = @"apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- web.yaml
patchesStrategicMerge:
- patch.yaml
- https://example.com/remote.yaml
patches:
- path: patch2.yaml
  target:
    kind: Deployment
patchesJson6902:
- path: patch3.yaml
";

        private const string Patch = @"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 5
";

        /// <summary>Texts the tree builder reports or refuses on, or the fast reader leaves: every one is read through the tree.</summary>
        private static readonly string[] TreeOnlyTexts =
        {
            // Anchors and aliases, an alias inside its own anchor (a cycle), a merge key.
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: &m\n  name: cyc\n  labels: *m\nspec:\n  template:\n    metadata:\n      labels: *m\n    spec:\n      containers:\n      - &c\n        name: cyc\n        image: x\n        ports:\n        - name: http\n      - *c\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: al\nspec:\n  replicas: &r 4\n  template:\n    spec:\n      hostIPC: &t true\n      containers:\n      - name: al\n        image: x\n        securityContext:\n          privileged: *t\n",
            // Flow style, block scalars, multi-line plain scalars, quoted keys, tags.
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: flow, labels: {app: flow}}\nspec:\n  template:\n    metadata: {labels: {app: flow}}\n    spec:\n      containers: [{name: flow, image: x, ports: [{name: http, containerPort: 80}]}]\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: block\n  annotations:\n    note: |\n      line one\n      line two\nspec:\n  template:\n    spec:\n      containers:\n      - name: block\n        image: a\n          b\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  \"name\": quoted\nspec:\n  template:\n    spec:\n      'containers':\n      - name: quoted\n        image: !!str x\n",
            // Duplicate keys, at the top and deep, few keys and many.
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dup\n  name: dup2\nspec: {}\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dup\nspec:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 7\n  h: 8\n  i: 9\n  j: 10\n  c: 11\n",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 7\n  h: 8\n  i: 9\n  j: 10\n  k: 11\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s2\n  name: s3\n",
            // Syntax errors, after a good document too; an empty document; a control character; a BOM.
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: good\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [broken\n",
            "---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: after-empty\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ctl\u0001\n",
            "\uFEFFapiVersion: v1\nkind: Pod\nmetadata:\n  name: bom\nspec:\n  containers:\n  - name: bom\n    image: x\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: empty-key\n  : x\n",
            "# deployadvisor-ignore DA0001\napiVersion: v1\nkind: Pod\nmetadata:\n  name: directive\n",
        };

        private static readonly Limits Small = new Limits { MaxScalarLength = 40, MaxKeyLength = 12, MaxDepth = 7, MaxDocuments = 3, MaxExpandedNodes = 60 };

        /// <summary>Generated manifests: kinds, indentation styles, quoting, nulls, long and odd keys and values.</summary>
        private static IEnumerable<string> Generated(int seed, int count)
        {
            var random = new Random(seed);
            string[] kinds = { "Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job", "Pod", "Service", "Ingress", "RuntimeClass", "ConfigMap" };
            string Scalar(string plain)
            {
                switch (random.Next(6))
                {
                    case 0: return "'" + plain + "'";
                    case 1: return "\"" + plain + "\"";
                    default: return plain;
                }
            }
            for (int n = 0; n < count; n++)
            {
                var sb = new StringBuilder();
                int documents = 1 + random.Next(4);
                for (int d = 0; d < documents; d++)
                {
                    if (d > 0 || random.Next(3) == 0) sb.Append("---\n");
                    var kind = kinds[random.Next(kinds.Length)];
                    string name = random.Next(10) == 0 ? new string('n', 30 + random.Next(30)) : "w" + random.Next(5);
                    bool indentless = random.Next(2) == 0;
                    string dash(int indent) => new string(' ', indentless ? indent : indent + 2) + "- ";
                    string under(int indent) => new string(' ', indentless ? indent + 2 : indent + 4);
                    sb.Append("apiVersion: ").Append(kind == "Ingress" ? "networking.k8s.io/v1" : kind == "RuntimeClass" ? "node.k8s.io/v1" : "apps/v1").Append('\n');
                    sb.Append("kind: ").Append(Scalar(kind)).Append('\n');
                    sb.Append("metadata:\n  name: ").Append(Scalar(name)).Append('\n');
                    if (random.Next(4) == 0) sb.Append("  namespace: ").Append(random.Next(2) == 0 ? "~" : "ns" + random.Next(2)).Append('\n');
                    if (random.Next(8) == 0) sb.Append("  name: again\n");
                    if (random.Next(8) == 0) sb.Append("  ").Append(new string('k', 10 + random.Next(8))).Append(": long key\n");
                    if (random.Next(10) == 0) sb.Append("  odd/key.with-chars_1: v # comment\n");
                    switch (kind)
                    {
                        case "Service":
                            sb.Append("spec:\n  selector:\n    app: ").Append("w" + random.Next(5)).Append('\n');
                            if (random.Next(2) == 0) sb.Append("    tier: ").Append(random.Next(2) == 0 ? "null" : "t").Append('\n');
                            sb.Append("  ports:\n").Append(dash(2)).Append("name: ").Append(random.Next(2) == 0 ? "http" : "tcp").Append('\n')
                              .Append(under(2)).Append("targetPort: ").Append(random.Next(2) == 0 ? "http" : "8080").Append('\n');
                            break;
                        case "Ingress":
                            sb.Append("spec:\n  rules:\n").Append(dash(2)).Append("http:\n").Append(under(2)).Append("  paths:\n")
                              .Append(under(2)).Append("  - backend:\n").Append(under(2)).Append("      service:\n").Append(under(2)).Append("        name: svc\n");
                            break;
                        case "RuntimeClass":
                            sb.Append("handler: ").Append(random.Next(2) == 0 ? "kata" : "runc").Append("\noverhead:\n  podFixed:\n    memory: ").Append(random.Next(500)).Append("Mi\n");
                            break;
                        case "ConfigMap":
                            sb.Append("data:\n  key: ").Append(new string('v', random.Next(60))).Append('\n');
                            break;
                        default:
                            bool pod = kind == "Pod";
                            string p = pod ? "" : "    ";
                            if (!pod) sb.Append("spec:\n  replicas: ").Append(random.Next(3) == 0 ? "two" : random.Next(5).ToString()).Append("\n  template:\n    metadata:\n      labels:\n        app: w").Append(random.Next(5)).Append("\n    spec:\n");
                            else sb.Append("spec:\n");
                            if (random.Next(3) == 0) sb.Append(p).Append("  runtimeClassName: ").Append(random.Next(2) == 0 ? "gvisor" : "kata").Append('\n');
                            if (random.Next(3) == 0) sb.Append(p).Append("  hostNetwork: ").Append(random.Next(2) == 0 ? "true" : "\"true\"").Append('\n');
                            sb.Append(p).Append("  containers:\n");
                            int containers = random.Next(3);
                            for (int c = 0; c < containers; c++)
                            {
                                int indent = p.Length + 2;
                                sb.Append(dash(indent)).Append("name: c").Append(c).Append('\n');
                                sb.Append(under(indent)).Append("image: img").Append(c).Append('\n');
                                if (random.Next(2) == 0)
                                    sb.Append(under(indent)).Append("livenessProbe:\n").Append(under(indent)).Append("  httpGet:\n").Append(under(indent)).Append("    port: 80\n")
                                      .Append(under(indent)).Append("  periodSeconds: ").Append(random.Next(3) == 0 ? "x" : random.Next(30).ToString()).Append('\n');
                                if (random.Next(2) == 0)
                                    sb.Append(under(indent)).Append("ports:\n").Append(under(indent)).Append("- name: ").Append(random.Next(2) == 0 ? "http" : "metrics").Append('\n');
                                if (random.Next(3) == 0)
                                    sb.Append(under(indent)).Append("securityContext:\n").Append(under(indent)).Append("  privileged: ").Append(random.Next(2) == 0 ? "true" : "false").Append('\n');
                                if (random.Next(4) == 0)
                                    sb.Append(under(indent)).Append("resources:\n").Append(under(indent)).Append("  limits:\n").Append(under(indent)).Append("    nvidia.com/gpu: ").Append(random.Next(2)).Append('\n');
                            }
                            break;
                    }
                }
                yield return sb.ToString();
            }
        }

        private static (string, string)[] Corpus() => new (string, string)[]
        {
            ("deploy/web.yaml", Web), ("deploy/services.yaml", Services), ("deploy/kinds.yaml", Kinds), ("deploy/list.yaml", List),
            ("deploy/kustomization.yaml", Kustomization), ("deploy/patch.yaml", Patch), ("deploy/patch2.yaml", Patch),
            ("deploy/crlf.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crlf\r\nspec:\r\n  containers:\r\n  - name: crlf\r\n    image: x\r\n    ports:\r\n    - name: http\r\n"),
        };

        [Fact]
        public void Plain_manifests_take_the_fast_route_and_the_others_the_tree()
        {
            foreach (var (_, text) in Corpus()) Assert.True(TakesFastRoute(text, Limits.Default), text);
            foreach (var text in TreeOnlyTexts) Assert.False(TakesFastRoute(text, Limits.Default), text);
            // A limit the tree builder would report is left to it.
            Assert.False(TakesFastRoute(Web, Small));
            Assert.False(TakesFastRoute(Services, new Limits { MaxDocuments = 3 }));
            Assert.True(TakesFastRoute(Services, new Limits { MaxDocuments = 4 }));
            Assert.False(TakesFastRoute(Web, new Limits { MaxDepth = 8 }));
            Assert.True(TakesFastRoute(Web, new Limits { MaxDepth = 9 }));
        }

        [Fact]
        public void Tape_and_tree_give_the_same_scan()
        {
            var files = new List<(string, string)>(Corpus());
            for (int i = 0; i < TreeOnlyTexts.Length; i++) files.Add(($"odd/m{i}.yaml", TreeOnlyTexts[i]));
            int g = 0;
            foreach (var text in Generated(20261206, 300)) files.Add(($"gen/{g++}.yaml", text));

            foreach (var limits in new[] { Limits.Default, Small, new Limits { MaxDepth = 7, MaxDocuments = 2 } })
            {
                var options = new ArtifactScanOptions { Limits = limits };
                // All files together (Services and Ingresses reach workloads across files), then each on its own.
                var all = files.ToArray();
                Assert.Equal(Render(ScanWith(true, options, all)), Render(ScanWith(false, options, all)));
                foreach (var file in files)
                {
                    var tree = Render(ScanWith(true, options, new[] { file }));
                    var tape = Render(ScanWith(false, options, new[] { file }));
                    Assert.True(tree == tape, $"{file.Item1} with limits depth {limits.MaxDepth}:\n{file.Item2}\n--- tree:\n{tree}\n--- tape:\n{tape}");
                }
            }
        }

        private static readonly Type NodeType = typeof(ArtifactScanner).Assembly.GetType("DeployAdvisor.Engine.Artifacts.TapeNode", throwOnError: true)!;

        private static string Place(SourceSpan s) => $"{s.Line}:{s.Column}-{s.EndLine}:{s.EndColumn}";

        /// <summary>A tape's documents walked through its ends, each node's place as its node view gives it.</summary>
        private static string Dump(object tape)
        {
            const BindingFlags Fields = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
            var events = (Array)TapeType.GetField("Events", Fields)!.GetValue(tape)!;
            var ends = (int[])TapeType.GetField("Ends", Fields)!.GetValue(tape)!;
            var roots = (List<int>)TapeType.GetField("Roots", Fields)!.GetValue(tape)!;
            var span = NodeType.GetProperty("Span")!;
            var sb = new StringBuilder();
            object? Field(int i, string name) { var e = events.GetValue(i)!; return e.GetType().GetField(name)!.GetValue(e); }
            void Walk(int i, int depth)
            {
                var kind = Field(i, "Kind")!.ToString();
                var place = Place((SourceSpan)span.GetValue(Activator.CreateInstance(NodeType, tape, i))!);
                sb.Append(' ', depth);
                if (kind == "Scalar")
                {
                    sb.Append("scalar ").Append(Field(i, "Value")).Append('|').Append(Field(i, "IsPlain")).Append(' ').Append(place).Append('\n');
                    return;
                }
                sb.Append(kind == "MappingStart" ? "mapping " : "sequence ").Append(place).Append('\n');
                for (int j = i + 1; j < ends[i]; j = ends[j] + 1) Walk(j, depth + 1);
            }
            foreach (var root in roots) { sb.Append("document\n"); if (root >= 0) Walk(root, 1); }
            return sb.ToString();
        }

        /// <summary>YamlReader's trees written out as <see cref="Dump"/> writes a tape (no aliases).</summary>
        private static string Dump(IReadOnlyList<YDocument> documents)
        {
            var sb = new StringBuilder();
            void Walk(YNode node, int depth)
            {
                sb.Append(' ', depth);
                switch (node)
                {
                    case YScalar s:
                        sb.Append("scalar ").Append(s.Value).Append('|').Append(s.IsPlain).Append(' ').Append(Place(s.Span)).Append('\n');
                        break;
                    case YMapping m:
                        sb.Append("mapping ").Append(Place(m.Span)).Append('\n');
                        foreach (var e in m.Entries) { Walk(e.Key, depth + 1); Walk(e.Value, depth + 1); }
                        break;
                    case YSequence q:
                        sb.Append("sequence ").Append(Place(q.Span)).Append('\n');
                        foreach (var item in q.Items) Walk(item, depth + 1);
                        break;
                }
            }
            foreach (var doc in documents) { sb.Append("document\n"); if (doc.Root != null) Walk(doc.Root, 1); }
            return sb.ToString();
        }

        [Fact]
        public void The_tape_is_the_tree_node_for_node_and_place_for_place()
        {
            // The scans above share the tape's node view: this holds the view itself to YamlReader's tree, for the
            // fast reader's events and for a tree written out as a tape.
            var texts = Corpus().Select(f => f.Item2).Concat(Generated(7, 300)).ToList();
            var fastTexts = texts.Where(t => TakesFastRoute(t, Limits.Default)).ToList();
            Assert.True(fastTexts.Count > 200, fastTexts.Count.ToString());
            var fromTree = TapeType.GetMethod("FromTree", BindingFlags.Public | BindingFlags.Static)!;
            var fastTape = TapeType.GetMethod("Fast", BindingFlags.Public | BindingFlags.Static)!;
            foreach (var text in texts.Concat(TreeOnlyTexts.Skip(2)))
            {
                var documents = YamlReader.Read(text, Limits.Default, BlockMappingReader.Instance).Documents;
                var tree = Dump(documents);
                Assert.Equal(tree, Dump(fromTree.Invoke(null, new object[] { documents })!));
                var fast = fastTape.Invoke(null, new object[] { text, Limits.Default });
                if (fast is null) continue;
                try { Assert.Equal(tree, Dump(fast)); }
                finally { TapeType.GetMethod("Release")!.Invoke(fast, null); }
            }
        }

        [Fact]
        public void The_scan_is_not_empty_where_it_is_compared()
        {
            // The comparison above means something only if the corpus gives workloads, evidence and findings.
            var files = new List<(string, string)>(Corpus());
            for (int i = 0; i < TreeOnlyTexts.Length; i++) files.Add(($"odd/m{i}.yaml", TreeOnlyTexts[i]));
            var r = ScanWith(false, ArtifactScanOptions.Default, files.ToArray());
            Assert.Contains(r.Workloads, w => w.Name == "web" && w.Fields.Count >= 8);
            Assert.Contains(r.Workloads, w => w.Name == "listed");
            Assert.Contains(r.Workloads, w => w.Name == "cyc");
            Assert.Contains(r.Findings, f => f.RuleId == RuleIds.YamlSyntax && f.Message.Contains("duplicate key"));
            Assert.NotEmpty(r.Platform);
            Assert.Contains(r.Notes, n => n.Message.Contains("Kustomize patch"));
        }
    }
}
