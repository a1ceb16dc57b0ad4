using System;
using System.Collections.Generic;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    /// <summary>A P/Invoke that is evidence: an entry point of one library or of any, or any entry point of one library.</summary>
    public sealed class NativeCall
    {
        public NativeCall(string? entryPoint, string? library)
        {
            if (entryPoint is null && library is null) throw new ArgumentException("a native call trigger names an entry point, a library or both");
            EntryPoint = entryPoint; Library = library; _library = library is null ? null : LibraryName(library);
        }

        /// <summary>Null: any entry point of <see cref="Library"/>.</summary>
        public string? EntryPoint { get; }
        /// <summary>Null: any library.</summary>
        public string? Library { get; }
        private readonly string? _library;

        /// <summary>
        /// Whether an imported library name is this one. Both names are compared as <see cref="LibraryName"/>
        /// gives them, without case; the import may also go on after a dot (libc matches libc.musl-x86_64).
        /// </summary>
        public bool MatchesLibrary(string? imported)
        {
            if (_library is null) return true;
            if (imported is null) return false;
            var name = LibraryName(imported);
            return string.Equals(name, _library, StringComparison.OrdinalIgnoreCase)
                || (name.Length > _library.Length && name[_library.Length] == '.' && name.StartsWith(_library, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// A library name as the loader resolves it on any platform, reduced to its stem: no directory, no
        /// "lib" prefix, no file extension (.dll, .dylib, .so and what follows it, the version). So
        /// libcuda.so.1, nvcuda.dll, /usr/lib/libOpenCL.so.1 and libnvidia-ml.so.1 are cuda, nvcuda,
        /// OpenCL and nvidia-ml; libcudart_static stays cudart_static, which is not cuda.
        /// </summary>
        public static string LibraryName(string imported)
        {
            var name = imported.Replace('\\', '/');
            int slash = name.LastIndexOf('/');
            if (slash >= 0) name = name.Substring(slash + 1);
            if (name.Length > 3 && name.StartsWith("lib", StringComparison.OrdinalIgnoreCase)) name = name.Substring(3);
            foreach (var extension in new[] { ".dll", ".dylib" })
                if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return name.Substring(0, name.Length - extension.Length);
            // .so, possibly with a version after it (libc.so.6); a dot inside the stem (System.Native) stays.
            for (int at = name.IndexOf(".so", StringComparison.OrdinalIgnoreCase); at > 0; at = name.IndexOf(".so", at + 1, StringComparison.OrdinalIgnoreCase))
                if (at + 3 == name.Length || name[at + 3] == '.') return name.Substring(0, at);
            return name;
        }
    }

    /// <summary>What in a workload's code is evidence for an evidence rule (rules/evidence.yaml, user rule files).</summary>
    public sealed class EvidenceTriggers
    {
        internal EvidenceTriggers(IReadOnlyList<NativeCall> nativeCalls, IReadOnlyList<string> types, IReadOnlyList<string> namespaces,
            IReadOnlyList<string> members, IReadOnlyList<string> attributes, IReadOnlyList<string> platforms)
        {
            NativeCalls = nativeCalls; Types = types; Namespaces = namespaces; Members = members; Attributes = attributes; SupportedOSPlatforms = platforms;
        }

        public IReadOnlyList<NativeCall> NativeCalls { get; }
        /// <summary>Type metadata names; members of derived types count too.</summary>
        public IReadOnlyList<string> Types { get; }
        public IReadOnlyList<string> Namespaces { get; }
        /// <summary>Members as their type's metadata name, a dot and their name (TorchSharp.DeviceType.CUDA); every overload.</summary>
        public IReadOnlyList<string> Members { get; }
        /// <summary>Attribute class metadata names; subclasses count too.</summary>
        public IReadOnlyList<string> Attributes { get; }
        public IReadOnlyList<string> SupportedOSPlatforms { get; }

        public bool IsEmpty => NativeCalls.Count == 0 && Types.Count == 0 && Namespaces.Count == 0 && Members.Count == 0 && Attributes.Count == 0 && SupportedOSPlatforms.Count == 0;
    }

    /// <summary>
    /// An evidence rule's fix: the descriptor field to set, and its value. For a set field (devices) the
    /// value is one member, which the fix adds to what the declaration holds.
    /// </summary>
    public sealed class EvidenceFix
    {
        internal EvidenceFix(string field, FieldValue value, bool adds) { Field = field; Value = value; Adds = adds; }
        public string Field { get; }
        public FieldValue Value { get; }
        /// <summary>The field is a set and the fix adds <see cref="Value"/> (one member) to it rather than replacing it.</summary>
        public bool Adds { get; }
        /// <summary>The value as a descriptor writes it (confidential, gui, true; gpu for a member added to a set).</summary>
        public string Text => Value.ToString();
    }
}
