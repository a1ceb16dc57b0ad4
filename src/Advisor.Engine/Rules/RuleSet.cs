using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>A rule file's text and where it came from.</summary>
    public sealed class RuleSource
    {
        public RuleSource(string path, string text, bool isBuiltIn = false) { Path = path; Text = text; IsBuiltIn = isBuiltIn; }
        public string Path { get; }
        public string Text { get; }
        public bool IsBuiltIn { get; }
    }

    /// <summary>The outcome of loading rule files: the rule set and DA0008 findings for invalid files.</summary>
    public sealed class RuleSetLoad
    {
        internal RuleSetLoad(RuleSet ruleSet, IReadOnlyList<Finding> findings) { RuleSet = ruleSet; Findings = findings; }
        public RuleSet RuleSet { get; }
        public IReadOnlyList<Finding> Findings { get; }
        public bool IsValid => Findings.Count == 0;
    }

    /// <summary>
    /// Rules, platform profiles and ranking, compiled from rule files. Immutable and safe to share:
    /// load once, evaluate many workloads.
    /// </summary>
    public sealed class RuleSet
    {
        private readonly Dictionary<string, Rule> _byId;

        internal RuleSet(IReadOnlyList<Rule> rules, PlatformProfiles profiles, IReadOnlyList<RankingOrder> ranking, IReadOnlyList<CompiledFile> files)
        {
            Files = files;
            Rules = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            Profiles = profiles;
            Ranking = ranking;
            _byId = Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        }

        public IReadOnlyList<Rule> Rules { get; }
        public PlatformProfiles Profiles { get; }
        public IReadOnlyList<RankingOrder> Ranking { get; }
        /// <summary>The compiled files this set was made of, so that adding user files never recompiles them.</summary>
        internal IReadOnlyList<CompiledFile> Files { get; }

        public Rule? Find(string id) => _byId.TryGetValue(id, out var r) ? r : null;

        private EvidenceCatalog? _evidence;

        /// <summary>The evidence rules indexed for the analyzers, made on first use.</summary>
        public EvidenceCatalog Evidence
        {
            get
            {
                var known = System.Threading.Volatile.Read(ref _evidence);
                if (known != null) return known;
                var made = new EvidenceCatalog(Rules);
                return System.Threading.Interlocked.CompareExchange(ref _evidence, made, null) ?? made;
            }
        }

        private static readonly Lazy<RuleSet> BuiltInSet = new Lazy<RuleSet>(() =>
        {
            var load = Load(BuiltInSources());
            if (!load.IsValid)
                throw new InvalidOperationException("the built-in rules are invalid: " + string.Join("; ", load.Findings));
            return load.RuleSet;
        });

        /// <summary>The catalog of decisions.md, from the rules/ folder embedded in this assembly.</summary>
        public static RuleSet BuiltIn => BuiltInSet.Value;

        public static IReadOnlyList<RuleSource> BuiltInSources()
        {
            var asm = typeof(RuleSet).GetTypeInfo().Assembly;
            var result = new List<RuleSource>();
            foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
            {
                using var stream = asm.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                result.Add(new RuleSource(name, reader.ReadToEnd(), isBuiltIn: true));
            }
            return result;
        }

        /// <summary>This rule set plus user rule files; user files may add rules, not replace built-in ones.</summary>
        public RuleSetLoad WithUserRules(IEnumerable<RuleSource> userFiles)
        {
            var files = userFiles.ToList();
            if (files.Count == 0) return new RuleSetLoad(this, Array.Empty<Finding>());
            return Merge(Files.Concat(files.Select(CompileCached)).ToList());
        }

        // Compiled files by content: the analyzers ask for the same user rule files on every compilation.
        // Bounded, so that a long-lived process fed ever-new texts (an IDE, a fuzzer) does not grow without end.
        private static readonly ConcurrentDictionary<string, CompiledFile> FileCache = new ConcurrentDictionary<string, CompiledFile>(StringComparer.Ordinal);
        private const int FileCacheLimit = 256;

        private static CompiledFile CompileCached(RuleSource source)
        {
            var key = source.Path + "\0" + source.IsBuiltIn + "\0" + source.Text;
            if (FileCache.TryGetValue(key, out var cached)) return cached;
            var compiled = RuleCompiler.Compile(source);
            if (FileCache.Count < FileCacheLimit) FileCache.TryAdd(key, compiled);
            return compiled;
        }

        public static RuleSetLoad Load(IEnumerable<RuleSource> sources) => Merge(sources.Select(CompileCached).ToList());

        private static RuleSetLoad Merge(IReadOnlyList<CompiledFile> compiledFiles)
        {
            var findings = new List<Finding>();
            var rules = new List<Rule>();
            var profiles = new List<(PlatformProfile Profile, Location Where)>();
            var ranking = new List<RankingOrder>();
            var seen = new Dictionary<string, Location>(StringComparer.Ordinal);
            foreach (var compiled in compiledFiles)
            {
                findings.AddRange(compiled.Findings);
                foreach (var (rule, where) in compiled.Rules)
                {
                    if (seen.TryGetValue(rule.Id, out var first))
                    {
                        findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error,
                            $"rule {rule.Id} is already defined in {first.File}:{first.Span}; give your rule an ID of its own", location: where));
                        continue;
                    }
                    seen[rule.Id] = where;
                    rules.Add(rule);
                }
                profiles.AddRange(compiled.Profiles);
                ranking.AddRange(compiled.Ranking);
            }

            // Report rules may refer to each other's outcome (reported: DA1004); the evaluator orders them,
            // but a reference to no rule is an error where it is written.
            foreach (var rule in rules.Where(r => r.Condition != null))
            {
                foreach (var referenced in rule.Condition!.ReportedRules())
                {
                    if (!seen.ContainsKey(referenced))
                        findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, $"rule {rule.Id} refers to rule {referenced}, which is not defined", location: seen[rule.Id]));
                }
            }

            // The analyzers answer evidence questions as 64-bit masks over the evidence rules.
            foreach (var rule in rules.Where(r => r.Effect == RuleEffect.Evidence).Skip(EvidenceCatalog.MaxRules))
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error,
                    $"rule {rule.Id} is evidence rule number {EvidenceCatalog.MaxRules + 1} or later; a rule set holds at most {EvidenceCatalog.MaxRules}", location: seen[rule.Id]));

            // A cycle of "reported" references has no evaluation order.
            var reportRules = rules.Where(r => r.Effect == RuleEffect.Report).ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var rule in reportRules.Values)
            {
                if (ReachesItself(rule.Id, reportRules))
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error,
                        $"rule {rule.Id} depends on its own outcome through 'reported' conditions; break the cycle", location: seen[rule.Id]));
            }

            var byTarget = new Dictionary<Target, PlatformProfile>();
            foreach (var (profile, where) in profiles)
            {
                if (byTarget.ContainsKey(profile.Target))
                {
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error,
                        $"the profile of {profile.Target.Name()} is defined twice; change figures with profile overrides in the configuration instead", location: where));
                    continue;
                }
                byTarget[profile.Target] = profile;
            }
            foreach (var t in Targets.All.Where(t => !byTarget.ContainsKey(t)))
            {
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, $"no platform profile for {t.Name()}",
                    location: new Location(compiledFiles.FirstOrDefault()?.Path, SourceSpan.FileStart)));
                byTarget[t] = new PlatformProfile(t, default, default, default, default);
            }
            if (ranking.Count == 0 || ranking[ranking.Count - 1].When != null)
            {
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, "the ranking needs a last entry without a condition",
                    location: new Location(compiledFiles.FirstOrDefault()?.Path, SourceSpan.FileStart)));
                ranking.Add(new RankingOrder(null, Targets.All, "default order"));
            }

            var set = new RuleSet(rules, new PlatformProfiles(byTarget.Values), ranking, compiledFiles);
            return new RuleSetLoad(set, Finding.Sort(findings));
        }

        private static bool ReachesItself(string start, Dictionary<string, Rule> reportRules)
        {
            var stack = new Stack<string>(reportRules[start].Condition!.ReportedRules());
            var visited = new HashSet<string>(StringComparer.Ordinal);
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (id == start) return true;
                if (!visited.Add(id) || !reportRules.TryGetValue(id, out var r)) continue;
                foreach (var next in r.Condition!.ReportedRules()) stack.Push(next);
            }
            return false;
        }

        internal sealed class CompiledFile
        {
            public CompiledFile(string path) { Path = path; }
            public string Path { get; }
            public List<(Rule Rule, Location Where)> Rules { get; } = new List<(Rule, Location)>();
            public List<(PlatformProfile Profile, Location Where)> Profiles { get; } = new List<(PlatformProfile, Location)>();
            public List<RankingOrder> Ranking { get; } = new List<RankingOrder>();
            public List<Finding> Findings { get; } = new List<Finding>();
        }
    }
}
