using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeployAdvisor.Analyzers
{
    /// <summary>A bad analyzer option: DA0008, reported once per compilation.</summary>
    internal sealed class OptionError : IEquatable<OptionError>
    {
        public OptionError(string key, string value, string message) { Key = key; Value = value; Message = message; }
        public string Key { get; }
        public string Value { get; }
        public string Message { get; }
        public bool Equals(OptionError? other) => other != null && Key == other.Key && Value == other.Value;
        public override bool Equals(object? obj) => Equals(obj as OptionError);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key) ^ StringComparer.Ordinal.GetHashCode(Value);
    }

    /// <summary>Profile overrides from <c>deployadvisor.profile.&lt;target&gt;.&lt;figure&gt;</c> keys (.editorconfig or global config).</summary>
    internal static class AnalyzerOptionsReader
    {
        public const string ProfilePrefix = "deployadvisor.profile.";

        public static readonly IReadOnlyDictionary<string, Target> TargetKeys = new Dictionary<string, Target>(StringComparer.Ordinal)
        {
            ["container"] = Target.Container,
            ["sandboxed_container"] = Target.SandboxedContainer,
            ["vm"] = Target.Vm,
        };

        public static readonly IReadOnlyDictionary<string, ProfileFigure> FigureKeys = new Dictionary<string, ProfileFigure>(StringComparer.Ordinal)
        {
            ["startup"] = ProfileFigure.Startup,
            ["size_linux"] = ProfileFigure.SizeLinux,
            ["size_windows"] = ProfileFigure.SizeWindows,
            ["memory_overhead"] = ProfileFigure.MemoryOverhead,
            ["size_windows_servercore"] = ProfileFigure.SizeWindowsServerCore,
            ["size_windows_server"] = ProfileFigure.SizeWindowsServer,
            // A comma list of gpu, fpga, usb; an empty value is no device.
            ["devices"] = ProfileFigure.Devices,
        };

        /// <summary>The targets the organisation offers, spelled as in a descriptor, comma-separated (DA6001 excludes the others).</summary>
        public const string PlatformTargetsKey = "deployadvisor.platform.targets";

        /// <summary>The overrides these options set (null for none), a key that identifies them, and the errors.</summary>
        public static (ProfileOverrides? Overrides, string Key) ReadProfile(AnalyzerConfigOptions options, ICollection<OptionError> errors, IReadOnlyList<ProfileOverride>? baseOverrides = null)
        {
            // Asked for every file of a project, and nearly every file sets no profile key: when the
            // options list their keys and none has the prefix, there is nothing to read or report.
            if ((baseOverrides is null || baseOverrides.Count == 0) && ListsNoProfileKey(options)) return (null, "");
            var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in TargetKeys.Keys)
                foreach (var f in FigureKeys.Keys)
                {
                    var key = ProfilePrefix + t + "." + f;
                    if (options.TryGetValue(key, out var value)) found[key] = value;
                }
            // Keys with the prefix that name no target or figure: a typo must not pass silently.
            IEnumerable<string> keys;
            try { keys = options.Keys.ToList(); } catch (NotImplementedException) { keys = Array.Empty<string>(); }
            foreach (var key in keys)
            {
                if (!key.StartsWith(ProfilePrefix, StringComparison.OrdinalIgnoreCase) || found.ContainsKey(key)) continue;

                options.TryGetValue(key, out var value);
                errors.Add(new OptionError(key, value ?? "", $"'{key}' is not a DeployAdvisor option: use {ProfilePrefix}<target>.<figure> with target one of {string.Join(", ", TargetKeys.Keys)} and figure one of {string.Join(", ", FigureKeys.Keys)}"));
            }
            var overrides = new ProfileOverrides();
            var id = new StringBuilder();
            // The project's .deployadvisor.yaml first: a later entry for the same figure wins.
            foreach (var o in baseOverrides ?? Array.Empty<ProfileOverride>())
            {
                if (overrides.TryAdd(o.Target, o.Figure, o.Value.ToString(), o.Source, out _))
                    id.Append(o.Target).Append('.').Append(o.Figure).Append('=').Append(o.Value).Append(';');
            }
            foreach (var pair in found)
            {
                var rest = pair.Key.Substring(ProfilePrefix.Length);
                int dot = rest.IndexOf('.');
                var target = TargetKeys[rest.Substring(0, dot)];
                var figure = FigureKeys[rest.Substring(dot + 1)];
                var literal = pair.Value.Trim();
                if (!overrides.TryAdd(target, figure, literal, ".editorconfig: " + pair.Key, out var error))
                {
                    errors.Add(new OptionError(pair.Key, pair.Value, $"'{pair.Key} = {pair.Value}' is invalid: {error}"));
                    continue;
                }
                id.Append(pair.Key).Append('=').Append(literal).Append(';');
            }
            if (options.TryGetValue(PlatformTargetsKey, out var offered))
            {
                var targets = new List<Target>();
                string? bad = null;
                foreach (var part in offered.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var name = part.Trim();
                    if (name.Length == 0) continue;
                    var target = Targets.All.FirstOrDefault(t => t.Name() == name);
                    if (target.Name() != name) { bad = name; break; }
                    targets.Add(target);
                }
                if (bad != null)
                    errors.Add(new OptionError(PlatformTargetsKey, offered, $"'{PlatformTargetsKey} = {offered}' is invalid: '{bad}' is not a target; use container, sandboxed-container or vm, comma-separated"));
                else
                {
                    overrides.Offer(targets, null);
                    id.Append(PlatformTargetsKey).Append('=').Append(string.Join(",", targets.Select(t => t.Name()))).Append(';');
                }
            }
            return overrides.Count == 0 && overrides.OfferedTargets is null ? (null, "") : (overrides, id.ToString());
        }

        private static bool ListsNoProfileKey(AnalyzerConfigOptions options)
        {
            try
            {
                foreach (var key in options.Keys)
                    if (key.StartsWith(ProfilePrefix, StringComparison.OrdinalIgnoreCase) || key.Equals(PlatformTargetsKey, StringComparison.OrdinalIgnoreCase)) return false;
                return true;
            }
            catch (NotImplementedException) { return false; } // options that cannot list their keys: look each one up
        }
    }
}
