using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    internal static class Scan
    {
        public static ScanResult Files(params (string Path, string Text)[] files)
            => ArtifactScanner.Scan(files.Select(f => new ArtifactFile(f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList());

        public static ScanResult Files(ArtifactScanOptions options, params (string Path, string Text)[] files)
            => ArtifactScanner.Scan(files.Select(f => new ArtifactFile(f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList(), options);

        public static WorkloadFacts Only(this ScanResult result)
        {
            Assert.True(result.Workloads.Count == 1, "workloads: " + string.Join(", ", result.Workloads.Select(w => w.Name)));
            return result.Workloads[0];
        }

        public static WorkloadFacts Named(this ScanResult result, string name)
        {
            var w = result.Workload(name);
            Assert.True(w != null, $"no workload {name}; have: " + string.Join(", ", result.Workloads.Select(x => x.Name)));
            return w!;
        }

        public static object? Value(this WorkloadFacts w, string field) => w.ValueOf(field);

        public static FieldFact Fact(this WorkloadFacts w, string field)
        {
            Assert.True(w.Fields.TryGetValue(field, out var f), $"{w.Name} has no {field}; has: " + string.Join(", ", w.Fields.Keys) + "; conflicts: " + string.Join(", ", w.Conflicts.Select(c => c.Field)));
            return f!;
        }

        public static IReadOnlyList<string> Devices(this WorkloadFacts w) => w.Value(ArtifactFields.Devices) as IReadOnlyList<string> ?? new List<string>();
    }
}
