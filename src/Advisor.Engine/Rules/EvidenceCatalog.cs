using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>
    /// The evidence rules of a rule set, indexed for the analyzers: which rules a code element is
    /// evidence for, given what the analyzer read from its symbol (an entry point and library, a type's
    /// namespace and name, an attribute class's metadata name, a platform name), and whether a rule
    /// applies to a workload. Rules are numbered in ID order and answered as bit masks, so that the
    /// analyzer can cache one number per symbol.
    /// </summary>
    public sealed class EvidenceCatalog
    {
        /// <summary>The evidence rules one rule set can hold (the masks' width); RuleSet reports more as DA0008.</summary>
        public const int MaxRules = 64;

        private readonly Dictionary<string, List<(NativeCall Call, ulong Rule)>> _nativeCalls = new Dictionary<string, List<(NativeCall, ulong)>>(StringComparer.Ordinal);
        // Library triggers without an entry point: every P/Invoke into the library is evidence.
        private readonly List<(NativeCall Call, ulong Rule)> _libraries = new List<(NativeCall, ulong)>();
        // Keyed "Namespace.Type.Member" (nested types joined by '+'), as the analyzer spells a member it reads.
        private readonly Dictionary<string, ulong> _members = new Dictionary<string, ulong>(StringComparer.Ordinal);
        private readonly Dictionary<string, ulong> _types = new Dictionary<string, ulong>(StringComparer.Ordinal);
        private readonly List<(string Namespace, ulong Rule)> _namespaces = new List<(string, ulong)>();
        private readonly Dictionary<string, ulong> _attributes = new Dictionary<string, ulong>(StringComparer.Ordinal);
        private readonly List<(string Platform, ulong Rule)> _platforms = new List<(string, ulong)>();

        internal EvidenceCatalog(IEnumerable<Rule> rules)
        {
            Rules = rules.Where(r => r.Effect == RuleEffect.Evidence && r.Evidence != null).Take(MaxRules).ToList();
            for (int i = 0; i < Rules.Count; i++)
            {
                ulong bit = 1UL << i;
                var t = Rules[i].Evidence!;
                foreach (var call in t.NativeCalls)
                {
                    if (call.EntryPoint is null) _libraries.Add((call, bit));
                    else
                    {
                        if (!_nativeCalls.TryGetValue(call.EntryPoint, out var list)) _nativeCalls[call.EntryPoint] = list = new List<(NativeCall, ulong)>();
                        list.Add((call, bit));
                    }
                    NativeRules |= bit;
                }
                foreach (var member in t.Members) { _members[member] = (_members.TryGetValue(member, out var m) ? m : 0) | bit; MemberRules |= bit; }
                foreach (var type in t.Types) { _types[type] = (_types.TryGetValue(type, out var m) ? m : 0) | bit; TypeRules |= bit; }
                foreach (var ns in t.Namespaces) { _namespaces.Add((ns, bit)); TypeRules |= bit; }
                foreach (var a in t.Attributes) { _attributes[a] = (_attributes.TryGetValue(a, out var m) ? m : 0) | bit; AttributeRules |= bit; }
                foreach (var p in t.SupportedOSPlatforms) { _platforms.Add((p, bit)); PlatformRules |= bit; }
            }
        }

        /// <summary>The evidence rules in ID order; rule i is bit i of every mask.</summary>
        public IReadOnlyList<Rule> Rules { get; }

        /// <summary>Rules with P/Invoke triggers.</summary>
        public ulong NativeRules { get; }
        /// <summary>Rules with type or namespace triggers.</summary>
        public ulong TypeRules { get; }
        /// <summary>Rules with member triggers.</summary>
        public ulong MemberRules { get; }
        /// <summary>Rules with attribute triggers.</summary>
        public ulong AttributeRules { get; }
        /// <summary>Rules with platform triggers.</summary>
        public ulong PlatformRules { get; }

        /// <summary>Every attribute metadata name that is a trigger, for the analyzer to resolve once per compilation.</summary>
        public IEnumerable<string> AttributeNames => _attributes.Keys;
        /// <summary>Every type metadata name and namespace that is a trigger, to tell whether a compilation can reference any.</summary>
        public IEnumerable<string> TypeNames => _types.Keys;
        public IEnumerable<string> Namespaces => _namespaces.Select(n => n.Namespace).Distinct(StringComparer.Ordinal);
        /// <summary>The metadata names of the types whose members are triggers, to tell whether a compilation can reference any.</summary>
        public IEnumerable<string> MemberTypeNames => _members.Keys.Select(m => m.Substring(0, m.LastIndexOf('.'))).Distinct(StringComparer.Ordinal);

        /// <summary>The rules a call of a P/Invoke with this entry point into this library is evidence for.</summary>
        public ulong ForNativeCall(string entryPoint, string? library)
        {
            ulong rules = 0;
            if (_nativeCalls.TryGetValue(entryPoint, out var list))
                foreach (var (call, rule) in list)
                    if (call.MatchesLibrary(library)) rules |= rule;
            if (library != null)
                foreach (var (call, rule) in _libraries)
                    if (call.MatchesLibrary(library)) rules |= rule;
            return rules;
        }

        /// <summary>
        /// The rules a reference to this member is evidence for: its containing type's metadata name
        /// (<paramref name="typeName"/> as for <see cref="ForType"/>) and its own name.
        /// </summary>
        public ulong ForMember(string containingNamespace, string typeName, string memberName)
        {
            if (_members.Count == 0) return 0;
            var full = (containingNamespace.Length == 0 ? typeName : containingNamespace + "." + typeName) + "." + memberName;
            return _members.TryGetValue(full, out var rules) ? rules : 0;
        }

        /// <summary>
        /// The rules a member of this type is evidence for (the type itself; the analyzer asks again for
        /// each base type). <paramref name="typeName"/> is the name in its namespace, nested types joined by '+'.
        /// </summary>
        public ulong ForType(string containingNamespace, string typeName)
        {
            ulong rules = 0;
            foreach (var (ns, rule) in _namespaces)
                if (containingNamespace == ns || (containingNamespace.Length > ns.Length && containingNamespace[ns.Length] == '.' && containingNamespace.StartsWith(ns, StringComparison.Ordinal)))
                    rules |= rule;
            if (_types.Count > 0)
            {
                var full = containingNamespace.Length == 0 ? typeName : containingNamespace + "." + typeName;
                if (_types.TryGetValue(full, out var byName)) rules |= byName;
            }
            return rules;
        }

        /// <summary>The rules an attribute of exactly this class is evidence for (the analyzer asks again for each base class).</summary>
        public ulong ForAttribute(string metadataName) => _attributes.TryGetValue(metadataName, out var rules) ? rules : 0;

        /// <summary>The rules an API marked [SupportedOSPlatform(platform)] is evidence for: windows matches windows10.0.17763.</summary>
        public ulong ForPlatform(string platform)
        {
            ulong rules = 0;
            foreach (var (p, rule) in _platforms)
                if (platform.StartsWith(p, StringComparison.OrdinalIgnoreCase)) rules |= rule;
            return rules;
        }

        /// <summary>The platforms of one rule's platform triggers (a check for one of them guards a call).</summary>
        public IReadOnlyList<string> PlatformsOf(int rule) => Rules[rule].Evidence!.SupportedOSPlatforms;

        /// <summary>
        /// Whether the rule applies to a workload whose fields read as given (its <c>when</c> holds; a rule
        /// without one always applies). A field the reader does not know is unset, and a comparison on it is false.
        /// </summary>
        public bool Applies(int rule, Func<string, FieldValue> fields) => Rules[rule].AppliesTo(fields);
    }
}
