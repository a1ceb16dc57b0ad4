using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Configuration
{
    /// <summary>
    /// A parsed configuration file. Parsing checks the shape (DA0008 at the offending key or value);
    /// <see cref="Resolve"/> then checks what needs the rule set (rule IDs exist, fixed rules are
    /// not changed) and produces the engine's <see cref="RulePolicy"/> and <see cref="ProfileOverrides"/>.
    /// Loading user rule folders sits between the two, since the folders are named in the file.
    /// </summary>
    public sealed class ConfigFile
    {
        public const string FileName = ".deployadvisor.yaml";

        private readonly YNode? _root;

        private ConfigFile(string? path, ConfigData data, FieldLocations locations, IReadOnlyList<Finding> findings, YNode? root = null)
        {
            Path = path; Data = data; Locations = locations; Findings = findings; _root = root;
        }

        /// <summary>The file as the front end names it; null for the empty default configuration.</summary>
        public string? Path { get; }
        public ConfigData Data { get; }
        public FieldLocations Locations { get; }
        /// <summary>DA0008 findings about the file's syntax and shape, located.</summary>
        public IReadOnlyList<Finding> Findings { get; }
        public bool IsValid => Findings.Count == 0;

        public IReadOnlyList<string> IgnorePatterns => (IReadOnlyList<string>?)Data.Ignore ?? Array.Empty<string>();
        public IReadOnlyList<string> RuleFolders => (IReadOnlyList<string>?)Data.RuleFolders ?? Array.Empty<string>();
        public string? DocsBaseUrl => Data.Docs?.BaseUrl;

        public static readonly ConfigFile Empty = new ConfigFile(null, new ConfigData(), new FieldLocations(SourceSpan.FileStart), Array.Empty<Finding>());

        /// <summary>Parses a config file. Never throws on bad input: every problem is a located DA0008.</summary>
        public static ConfigFile Parse(string path, string text, Limits? limits = null)
        {
            var findings = new List<Finding>();
            var locations = new FieldLocations(SourceSpan.FileStart);
            var yaml = YamlReader.Read(text, limits);
            // Syntax and limit problems in a config file are configuration problems: DA0008, same place.
            foreach (var f in yaml.Findings)
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, "the configuration is not well-formed YAML: " + f.Message, location: new Location(path, f.Location!.Span)));
            var roots = yaml.Documents.Where(d => d.Root != null).ToList();
            ConfigData? data = null;
            if (findings.Count == 0 && roots.Count > 1)
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, "the configuration must be a single YAML document; remove the extra '---' documents", location: new Location(path, roots[1].Start)));
            if (findings.Count == 0 && roots.Count == 1)
            {
                var shapeFindings = new List<Finding>();
                data = new ShapeBinder(RuleIds.InvalidConfiguration, shapeFindings, locations).Bind<ConfigData>(roots[0].Root!, SourceSpan.FileStart);
                findings.AddRange(shapeFindings.Select(f => f.With(location: new Location(path, f.Location!.Span), message: "configuration: " + f.Message)));
            }
            return new ConfigFile(path, data ?? new ConfigData(), locations, Finding.Sort(findings), roots.Count == 1 ? roots[0].Root : null);
        }

        /// <summary>Where a field of the file is written, for findings about values the shape allowed.</summary>
        public Location LocationOf(string fieldPath) => new Location(Path, Locations.Nearest(fieldPath));

        /// <summary>Where item <paramref name="index"/> of a top-level list (ignore, ruleFolders) is written.</summary>
        public Location LocationOfItem(string listField, int index)
        {
            if (_root is YMapping map)
            {
                foreach (var e in map.Entries)
                {
                    if (e.Key is YScalar k && k.Value == listField && e.Value is YSequence seq && index < seq.Items.Count)
                        return new Location(Path, seq.Items[index].Span);
                }
            }
            return LocationOf(listField);
        }

        /// <summary>Checks the parts that need the rule set and builds the policy and profile overrides.</summary>
        public ConfigResolution Resolve(RuleSet rules)
        {
            var findings = new List<Finding>();
            var policy = new RulePolicy();
            var overrides = new ProfileOverrides();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var ruleSettings = Data.Rules ?? new List<RuleSettingData>();
            for (int i = 0; i < ruleSettings.Count; i++)
            {
                var setting = ruleSettings[i];
                var at = $"rules[{i}].id";
                if (string.IsNullOrEmpty(setting.Id)) continue; // already reported by the shape
                if (rules.Find(setting.Id) is null)
                {
                    var hint = ShapeBinder.Suggest(setting.Id, rules.Rules.Select(r => r.Id));
                    findings.Add(Error(at, $"configuration: rule {setting.Id} does not exist{(hint is null ? "" : $"; did you mean {hint}?")} (`deploy-advisor rules list` lists every rule)"));
                    continue;
                }
                if (seen.TryGetValue(setting.Id, out var first))
                {
                    findings.Add(Error(at, $"configuration: rule {setting.Id} is already set at {first}; keep one entry per rule"));
                    continue;
                }
                seen[setting.Id] = LocationOf(at).Span.ToString();
                bool ok = setting.Severity == ConfigSeverity.Off
                    ? policy.Disable(setting.Id)
                    : policy.SetSeverity(setting.Id, ToSeverity(setting.Severity));
                if (!ok)
                    findings.Add(Error($"rules[{i}].severity", $"configuration: {setting.Id} means the input was not understood; it is always an error and cannot be changed or disabled"));
            }

            var profiles = Data.Profiles ?? new List<ProfileOverrideData>();
            var seenTargets = new HashSet<Target>();
            for (int i = 0; i < profiles.Count; i++)
            {
                var p = profiles[i];
                if (Locations.ValueOf($"profiles[{i}].target") is null) continue; // target missing: reported by the shape
                if (!seenTargets.Add(p.Target))
                {
                    findings.Add(Error($"profiles[{i}].target", $"configuration: the profile of {p.Target.Name()} is overridden twice; merge the entries"));
                    continue;
                }
                if (p.Size != null && (p.SizeLinux != null || p.SizeWindows != null || p.SizeWindowsServerCore != null || p.SizeWindowsServer != null))
                    findings.Add(Error($"profiles[{i}].size", "configuration: size sets sizeLinux, sizeWindows, sizeWindowsServerCore and sizeWindowsServer; give either size or the per-os figures"));
                Add(overrides, p.Target, ProfileFigure.Startup, p.Startup, $"profiles[{i}].startup", findings);
                Add(overrides, p.Target, ProfileFigure.Size, p.Size, $"profiles[{i}].size", findings);
                Add(overrides, p.Target, ProfileFigure.SizeLinux, p.SizeLinux, $"profiles[{i}].sizeLinux", findings);
                Add(overrides, p.Target, ProfileFigure.SizeWindows, p.SizeWindows, $"profiles[{i}].sizeWindows", findings);
                Add(overrides, p.Target, ProfileFigure.MemoryOverhead, p.MemoryOverhead, $"profiles[{i}].memoryOverhead", findings);
                Add(overrides, p.Target, ProfileFigure.SizeWindowsServerCore, p.SizeWindowsServerCore, $"profiles[{i}].sizeWindowsServerCore", findings);
                Add(overrides, p.Target, ProfileFigure.SizeWindowsServer, p.SizeWindowsServer, $"profiles[{i}].sizeWindowsServer", findings);
                if (p.Devices != null)
                {
                    if (p.Devices.Distinct().Count() != p.Devices.Count)
                        findings.Add(Error($"profiles[{i}].devices", "configuration: profiles[" + i + "].devices lists a device twice; it is a set"));
                    else
                        overrides.AddDevices(p.Target, p.Devices, $"configuration {Path}:{LocationOf($"profiles[{i}].devices").Span}");
                }
            }
            if (Data.Platform?.Targets is List<Target> offered)
            {
                if (offered.Distinct().Count() != offered.Count)
                    findings.Add(Error("platform.targets", "configuration: platform.targets lists a target twice; it is a set"));
                else
                    overrides.Offer(offered, LocationOf("platform.targets"));
            }
            return new ConfigResolution(policy, overrides, Finding.Sort(findings));
        }

        private void Add(ProfileOverrides overrides, Target target, ProfileFigure figure, string? literal, string at, List<Finding> findings)
        {
            if (literal is null) return;
            var where = LocationOf(at);
            if (!overrides.TryAdd(target, figure, literal, $"configuration {Path}:{where.Span}", out var error))
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error, $"configuration: {at}: {error}", location: where));
        }

        private Finding Error(string fieldPath, string message)
            => new Finding(RuleIds.InvalidConfiguration, Severity.Error, message, location: LocationOf(fieldPath));

        public static Severity ToSeverity(ConfigSeverity s) => s switch
        {
            ConfigSeverity.Error => Severity.Error,
            ConfigSeverity.Warning => Severity.Warning,
            _ => Severity.Info,
        };
    }

    /// <summary>What a configuration means for evaluation, and DA0008 for what it cannot mean.</summary>
    public sealed class ConfigResolution
    {
        internal ConfigResolution(RulePolicy policy, ProfileOverrides overrides, IReadOnlyList<Finding> findings)
        {
            Policy = policy; Overrides = overrides; Findings = findings;
        }

        public RulePolicy Policy { get; }
        public ProfileOverrides Overrides { get; }
        public IReadOnlyList<Finding> Findings { get; }
        public bool IsValid => Findings.Count == 0;
    }
}
