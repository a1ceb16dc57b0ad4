using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>A P/Invoke entry point that is evidence, of one library or of any.</summary>
    public sealed class NativeCall
    {
        public NativeCall(string entryPoint, string? library) { EntryPoint = entryPoint; Library = library; }
        public string EntryPoint { get; }
        /// <summary>Null: any library.</summary>
        public string? Library { get; }

        /// <summary>
        /// Whether an imported library name is this one: compared without case, and without the file
        /// extension and version the import may spell (libc, libc.so, libc.so.6, LIBC.dll).
        /// </summary>
        public bool MatchesLibrary(string? imported)
        {
            if (Library is null) return true;
            if (imported is null) return false;
            var name = imported.Replace('\\', '/');
            int slash = name.LastIndexOf('/');
            if (slash >= 0) name = name.Substring(slash + 1);
            return string.Equals(name, Library, StringComparison.OrdinalIgnoreCase)
                || (name.Length > Library.Length && name[Library.Length] == '.' && name.StartsWith(Library, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>What in a workload's code is evidence for an evidence rule (rules/evidence.yaml, user rule files).</summary>
    public sealed class EvidenceTriggers
    {
        internal EvidenceTriggers(IReadOnlyList<NativeCall> nativeCalls, IReadOnlyList<string> types, IReadOnlyList<string> namespaces,
            IReadOnlyList<string> attributes, IReadOnlyList<string> platforms)
        {
            NativeCalls = nativeCalls; Types = types; Namespaces = namespaces; Attributes = attributes; SupportedOSPlatforms = platforms;
        }

        public IReadOnlyList<NativeCall> NativeCalls { get; }
        /// <summary>Type metadata names; members of derived types count too.</summary>
        public IReadOnlyList<string> Types { get; }
        public IReadOnlyList<string> Namespaces { get; }
        /// <summary>Attribute class metadata names; subclasses count too.</summary>
        public IReadOnlyList<string> Attributes { get; }
        public IReadOnlyList<string> SupportedOSPlatforms { get; }

        public bool IsEmpty => NativeCalls.Count == 0 && Types.Count == 0 && Namespaces.Count == 0 && Attributes.Count == 0 && SupportedOSPlatforms.Count == 0;
    }

    /// <summary>An evidence rule's fix: the descriptor field to set, and its value.</summary>
    public sealed class EvidenceFix
    {
        internal EvidenceFix(string field, FieldValue value) { Field = field; Value = value; }
        public string Field { get; }
        public FieldValue Value { get; }
        /// <summary>The value as a descriptor writes it (confidential, gui, true).</summary>
        public string Text => Value.ToString();
    }
}
