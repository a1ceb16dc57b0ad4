using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Binding
{
    /// <summary>"Did you mean" for values: near spellings, common synonyms of enum values, and literals whose only slip is the unit's case.</summary>
    internal static class Suggestions
    {
        // Words people write for an enum value; used only when the word's value is allowed for the field.
        private static readonly Dictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["api"] = "web", ["http"] = "web", ["https"] = "web", ["rest"] = "web", ["website"] = "web", ["webapp"] = "web",
            ["daemon"] = "headless", ["worker"] = "headless", ["batch"] = "headless", ["job"] = "headless", ["service"] = "headless",
            ["console"] = "cli", ["command-line"] = "cli", ["terminal"] = "cli",
            ["desktop"] = "gui", ["ui"] = "gui",
            ["secret"] = "restricted", ["pci"] = "restricted", ["regulated"] = "restricted",
            ["private"] = "confidential", ["pii"] = "confidential", ["sensitive"] = "confidential",
            ["open"] = "public",
            ["win"] = "windows", ["windows-server"] = "windows",
            ["docker"] = "container", ["oci"] = "container",
            ["sandbox"] = "sandboxed-container", ["sandboxed"] = "sandboxed-container", ["kata"] = "sandboxed-container",
            ["gvisor"] = "sandboxed-container", ["firecracker"] = "sandboxed-container", ["microvm"] = "sandboxed-container",
            ["virtual-machine"] = "vm", ["virtualmachine"] = "vm",
        };

        public static string? ForEnum(string given, IReadOnlyList<string> allowed)
        {
            if (Synonyms.TryGetValue(given, out var word))
                foreach (var a in allowed)
                    if (a == word) return a;
            return ShapeBinder.Suggest(given, allowed);
        }

        public static readonly string[] DurationUnits = { "ms", "s", "m", "h" };
        public static readonly string[] SizeUnits = { "KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "TB", "B" };

        /// <summary>"; did you mean '2GB'?" when the literal parses with its unit written as the units are; else empty.</summary>
        public static string ForLiteral(string given, Func<string, bool> parses, string[] units)
        {
            var text = given.Trim();
            foreach (var unit in units)
            {
                if (text.Length <= unit.Length || !text.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) continue;
                var fixedText = text.Substring(0, text.Length - unit.Length).TrimEnd() + unit;
                if (fixedText != given && parses(fixedText)) return $"; did you mean '{fixedText}'?";
            }
            return "";
        }
    }
}
