using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace DeployAdvisor.Bench.Corpus
{
    public sealed class DescriptorOptions
    {
        public int Count { get; set; } = 10_000;
        public int Seed { get; set; } = 42;
        /// <summary>For the ajv peer, which reads no multi-document YAML.</summary>
        public bool SingleDocumentOnly { get; set; }
        public double MultiDocumentPercent { get; set; } = 8;
        public double ViolationPercent { get; set; } = 3;
        public double SchemaErrorPercent { get; set; } = 0.5;
        public int FilesPerFolder { get; set; } = 100;
    }

    public sealed class GeneratedFile
    {
        public GeneratedFile(string folder, string name, string text, int documents) { Folder = folder; Name = name; Text = text; Documents = documents; }
        /// <summary>Relative folder, e.g. payments/batch-0000.</summary>
        public string Folder { get; }
        public string Name { get; }
        public string Text { get; }
        public int Documents { get; }
    }

    public sealed class CorpusStats
    {
        public int Files, Documents, MultiDocumentFiles, Violations, SchemaErrors;
        public long Bytes;
    }

    /// <summary>
    /// A monorepo-like corpus of workload descriptors: teams' folders of files, mostly clean
    /// descriptors whose plan is the recommended target (budgets that fit), a few multi-document
    /// files, a few planned violations (DA1001, DA1002, DA2001, DA3001) and a few schema errors
    /// (DA0002: a bad literal, a typo'd key). Names are unique, so DA0004 does not fire.
    /// </summary>
    public static class DescriptorCorpus
    {
        private static readonly string[] Teams = { "payments", "identity", "search", "catalog", "checkout", "ml-platform", "data", "edge", "desktop-tools", "observability", "billing", "support", "mobile-backend", "security", "devex", "finance" };
        private static readonly string[] Nouns = { "api", "worker", "gateway", "indexer", "scheduler", "renderer", "ingest", "exporter", "proxy", "cache", "reporter", "designer", "runner", "sync", "auth", "ledger", "notifier", "crawler", "builder", "inspector" };
        private static readonly string[] Adjectives = { "card", "user", "order", "invoice", "image", "video", "stream", "event", "audit", "log", "metric", "session", "token", "price", "stock", "tax", "fraud", "email", "sms", "pdf" };
        private static readonly string[] Verbs = { "Serves", "Processes", "Aggregates", "Exports", "Renders", "Validates", "Schedules", "Indexes", "Synchronises", "Authorises" };
        private static readonly string[] Objects = { "card payments", "customer records", "search queries", "product images", "audit events", "invoices for the finance team", "telemetry from edge sites", "nightly reports", "partner webhooks", "user sessions" };

        public static CorpusStats Write(string root, DescriptorOptions o)
        {
            var stats = new CorpusStats();
            Directory.CreateDirectory(root);
            var utf8 = new UTF8Encoding(false);
            foreach (var file in Generate(o, stats))
            {
                string folder = Path.Combine(root, file.Folder);
                Directory.CreateDirectory(folder);
                var bytes = utf8.GetBytes(file.Text);
                File.WriteAllBytes(Path.Combine(folder, file.Name), bytes);
                stats.Bytes += bytes.Length;
            }
            return stats;
        }

        /// <summary>The corpus in memory, file by file (the benchmarks use it without touching the disk).</summary>
        public static IEnumerable<GeneratedFile> Generate(DescriptorOptions o, CorpusStats? stats = null)
        {
            stats ??= new CorpusStats();
            var rng = new Random(o.Seed);
            int serial = 0;
            for (int i = 0; i < o.Count; i++)
            {
                string team = Teams[i % Teams.Length];
                string folder = Path.Combine(team, $"batch-{i / (o.FilesPerFolder * Teams.Length):D4}");
                int docs = !o.SingleDocumentOnly && rng.NextDouble() * 100 < o.MultiDocumentPercent ? rng.Next(2, 5) : 1;
                var sb = new StringBuilder(1024);
                if (rng.NextDouble() < 0.7)
                    sb.Append("# yaml-language-server: $schema=https://deployadvisor.dev/schemas/workload-v1.schema.json\n");
                for (int d = 0; d < docs; d++)
                {
                    if (d > 0) sb.Append("---\n");
                    AppendDocument(sb, rng, team, serial++, o, stats);
                }
                string ext = rng.NextDouble() < 0.85 ? ".yaml" : ".yml";
                stats.Files++;
                stats.Documents += docs;
                if (docs > 1) stats.MultiDocumentFiles++;
                yield return new GeneratedFile(folder, $"{team}-{serial:D6}.workload{ext}", sb.ToString(), docs);
            }
        }

        private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

        private static void AppendDocument(StringBuilder sb, Random rng, string team, int serial, DescriptorOptions o, CorpusStats stats)
        {
            // What the workload is.
            double r = rng.NextDouble();
            string iface = r < 0.45 ? "web" : r < 0.80 ? "headless" : r < 0.94 ? "cli" : "gui";
            bool windows = iface == "gui" ? rng.NextDouble() < 0.6 : rng.NextDouble() < 0.06;
            r = rng.NextDouble();
            string sensitivity = r < 0.15 ? "public" : r < 0.60 ? "internal" : r < 0.88 ? "confidential" : "restricted";
            bool untrusted = rng.NextDouble() < 0.07;
            bool multiTenant = rng.NextDouble() < 0.10;
            bool kernel = rng.NextDouble() < 0.03;

            // What the rules would recommend (decisions.md): exclusions, then the preference order.
            bool onlyVm = iface == "gui" || kernel;
            bool noContainer = sensitivity == "restricted" || untrusted || multiTenant;
            string target = onlyVm ? "vm"
                : sensitivity == "restricted" ? "vm"
                : sensitivity == "confidential" || noContainer ? "sandboxed-container"
                : "container";

            bool violation = rng.NextDouble() * 100 < o.ViolationPercent;
            bool schemaError = !violation && rng.NextDouble() * 100 < o.SchemaErrorPercent;
            string? startup = null;
            if (violation)
            {
                stats.Violations++;
                if (onlyVm) target = "container";                       // DA2001 or DA1003
                else if (noContainer) target = "container";             // DA1001 or DA1002
                else { target = "sandboxed-container"; startup = "1500ms"; } // DA3001: sandboxed needs 2s
            }

            string name = $"{Pick(rng, Adjectives)}-{Pick(rng, Nouns)}-{serial:D6}";
            sb.Append("apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n");
            sb.Append("  name: ").Append(name).Append('\n');
            if (rng.NextDouble() < 0.8)
                sb.Append("  description: ").Append(Pick(rng, Verbs)).Append(' ').Append(Pick(rng, Objects)).Append('\n');
            if (rng.NextDouble() < 0.7)
                sb.Append("  owner: team-").Append(team).Append('\n');
            sb.Append("spec:\n");
            if (rng.NextDouble() < 0.2) sb.Append("  # how people and systems reach it\n");
            sb.Append("  interface: ").Append(iface).Append('\n');
            if (windows) sb.Append("  os: windows\n");
            else if (rng.NextDouble() < 0.3) sb.Append("  os: linux\n");
            sb.Append("  security:\n");
            if (schemaError && rng.NextDouble() < 0.5)
            {
                sb.Append("    sensitivty: ").Append(sensitivity).Append('\n'); // DA0002: unknown field and missing sensitivity
                stats.SchemaErrors++;
                schemaError = false;
            }
            else
                sb.Append("    sensitivity: ").Append(sensitivity).Append("   # ").Append(SensitivityNote(sensitivity)).Append('\n');
            if (untrusted) sb.Append("    untrustedCode: true\n");
            else if (rng.NextDouble() < 0.25) sb.Append("    untrustedCode: false\n");
            if (multiTenant) sb.Append("    multiTenant: true\n");
            else if (rng.NextDouble() < 0.25) sb.Append("    multiTenant: false\n");
            if (kernel) sb.Append("  host:\n    kernelModules: true\n");
            else if (rng.NextDouble() < 0.1) sb.Append("  host:\n    kernelModules: false\n");

            // Budgets that every feasible target meets (vm: 30s, 1GB/20GB, 512MiB), unless a violation set one.
            var budgets = new List<string>();
            if (startup != null) budgets.Add("startup: " + startup);
            else if (rng.NextDouble() < 0.5) budgets.Add("startup: " + Pick(rng, new[] { "30s", "45s", "1m", "2m", "5m", "90000ms", "1.5m", "1h" }));
            if (rng.NextDouble() < 0.4) budgets.Add("size: " + (windows ? Pick(rng, new[] { "20GB", "25GB", "30GB", "40GiB", "64GB" }) : Pick(rng, new[] { "1GB", "2GB", "1.5GB", "4GiB", "10GB", "1024MiB" })));
            if (rng.NextDouble() < 0.3) budgets.Add("memoryOverhead: " + Pick(rng, new[] { "512MiB", "1GiB", "2GiB", "768MiB", "0.5GiB" }));
            if (schemaError)
            {
                budgets.Add("startup: " + Pick(rng, new[] { "fast", "10 s", "1.5", "0.1ms" })); // DA0002: bad duration literal
                budgets.RemoveAll(b => b.StartsWith("startup: ", StringComparison.Ordinal) && budgets.IndexOf(b) < budgets.Count - 1);
                stats.SchemaErrors++;
            }
            if (budgets.Count > 0)
            {
                sb.Append("  budgets:\n");
                foreach (var b in budgets) sb.Append("    ").Append(b).Append('\n');
            }
            if (rng.NextDouble() < 0.6)
            {
                sb.Append("  operations:\n");
                if (rng.NextDouble() < 0.8) sb.Append("    releasesPerWeek: ").Append(target == "vm" ? rng.Next(0, 5) : rng.Next(0, 30)).Append('\n');
                sb.Append("    instances: ").Append(target == "vm" ? rng.Next(1, 20) : rng.Next(1, 200)).Append('\n');
            }
            if (violation || rng.NextDouble() < 0.8)
                sb.Append("  deployment:\n    target: ").Append(target).Append('\n');
        }

        private static string SensitivityNote(string s) => s switch
        {
            "public" => "nothing secret",
            "internal" => "ordinary business data",
            "confidential" => "personal data",
            _ => "regulated data",
        };
    }
}
