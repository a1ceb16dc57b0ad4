using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    public enum ProfileFigure { Startup, Size, SizeLinux, SizeWindows, MemoryOverhead }

    public static class ProfileFigures
    {
        /// <summary>Names as rule files and the CLI config write them.</summary>
        public static readonly IReadOnlyDictionary<string, ProfileFigure> ByName = new Dictionary<string, ProfileFigure>(StringComparer.Ordinal)
        {
            ["startup"] = ProfileFigure.Startup,
            ["size"] = ProfileFigure.Size,
            ["sizeLinux"] = ProfileFigure.SizeLinux,
            ["sizeWindows"] = ProfileFigure.SizeWindows,
            ["memoryOverhead"] = ProfileFigure.MemoryOverhead,
        };

        public static string NameOf(ProfileFigure f) => ByName.First(p => p.Value == f).Key;
    }

    /// <summary>The typical figures of one target, each with where it comes from.</summary>
    public sealed class PlatformProfile
    {
        public PlatformProfile(Target target, Duration startup, ByteSize sizeLinux, ByteSize sizeWindows, ByteSize memoryOverhead,
            IReadOnlyDictionary<ProfileFigure, string>? sources = null)
        {
            Target = target; Startup = startup; SizeLinux = sizeLinux; SizeWindows = sizeWindows; MemoryOverhead = memoryOverhead;
            Sources = sources ?? new Dictionary<ProfileFigure, string>();
        }

        public Target Target { get; }
        public Duration Startup { get; }
        public ByteSize SizeLinux { get; }
        public ByteSize SizeWindows { get; }
        public ByteSize MemoryOverhead { get; }
        public IReadOnlyDictionary<ProfileFigure, string> Sources { get; }

        public FieldValue Figure(ProfileFigure figure, TargetOs os) => figure switch
        {
            ProfileFigure.Startup => FieldValue.Of(Startup),
            ProfileFigure.Size => FieldValue.Of(os == TargetOs.Windows ? SizeWindows : SizeLinux),
            ProfileFigure.SizeLinux => FieldValue.Of(SizeLinux),
            ProfileFigure.SizeWindows => FieldValue.Of(SizeWindows),
            _ => FieldValue.Of(MemoryOverhead),
        };

        public PlatformProfile With(ProfileFigure figure, FieldValue value, string source)
        {
            var sources = Sources.ToDictionary(p => p.Key, p => p.Value);
            sources[figure] = source;
            return figure switch
            {
                ProfileFigure.Startup => new PlatformProfile(Target, new Duration(value.Number), SizeLinux, SizeWindows, MemoryOverhead, sources),
                ProfileFigure.SizeLinux => new PlatformProfile(Target, Startup, new ByteSize(value.Number), SizeWindows, MemoryOverhead, sources),
                ProfileFigure.SizeWindows => new PlatformProfile(Target, Startup, SizeLinux, new ByteSize(value.Number), MemoryOverhead, sources),
                ProfileFigure.MemoryOverhead => new PlatformProfile(Target, Startup, SizeLinux, SizeWindows, new ByteSize(value.Number), sources),
                _ => throw new ArgumentException("size depends on the workload's os; override sizeLinux or sizeWindows", nameof(figure)),
            };
        }
    }

    /// <summary>The profiles of all three targets.</summary>
    public sealed class PlatformProfiles
    {
        private readonly IReadOnlyDictionary<Target, PlatformProfile> _profiles;

        public PlatformProfiles(IEnumerable<PlatformProfile> profiles)
        {
            _profiles = profiles.ToDictionary(p => p.Target);
        }

        public PlatformProfile Get(Target target) => _profiles[target];
        public IEnumerable<PlatformProfile> All => Targets.All.Select(Get);

        /// <summary>
        /// Applies user overrides, the plain object both front ends fill from their configuration
        /// (the CLI's config file, the analyzer's .editorconfig keys).
        /// </summary>
        public PlatformProfiles With(ProfileOverrides? overrides)
        {
            if (overrides is null || overrides.Count == 0) return this;
            var result = _profiles.ToDictionary(p => p.Key, p => p.Value);
            foreach (var o in overrides.Entries)
            {
                var figure = o.Figure;
                if (figure == ProfileFigure.Size)
                {
                    // "size" sets both operating systems' figure: the user means "the artifact of this target".
                    result[o.Target] = result[o.Target].With(ProfileFigure.SizeLinux, o.Value, o.Source).With(ProfileFigure.SizeWindows, o.Value, o.Source);
                }
                else
                {
                    result[o.Target] = result[o.Target].With(figure, o.Value, o.Source);
                }
            }
            return new PlatformProfiles(result.Values);
        }
    }

    /// <summary>Profile overrides: target × figure → value, with where each was written.</summary>
    public sealed class ProfileOverrides
    {
        private readonly List<ProfileOverride> _entries = new List<ProfileOverride>();
        public IReadOnlyList<ProfileOverride> Entries => _entries;
        public int Count => _entries.Count;

        /// <summary>Adds an override from its literal; false with an error message when the literal does not fit the figure.</summary>
        public bool TryAdd(Target target, ProfileFigure figure, string literal, string source, out string? error)
        {
            FieldValue value;
            if (figure == ProfileFigure.Startup)
            {
                if (!Duration.TryParse(literal, out var d, out error)) { error += "; expected " + Duration.Allowed; return false; }
                value = FieldValue.Of(d);
            }
            else
            {
                if (!ByteSize.TryParse(literal, out var s, out error)) { error += "; expected " + ByteSize.Allowed; return false; }
                value = FieldValue.Of(s);
            }
            _entries.Add(new ProfileOverride(target, figure, value, source));
            error = null;
            return true;
        }
    }

    public sealed class ProfileOverride
    {
        public ProfileOverride(Target target, ProfileFigure figure, FieldValue value, string source)
        {
            Target = target; Figure = figure; Value = value; Source = source;
        }

        public Target Target { get; }
        public ProfileFigure Figure { get; }
        public FieldValue Value { get; }
        public string Source { get; }
    }

    public static class Targets
    {
        /// <summary>The three targets in the order of the spec's tables.</summary>
        public static readonly IReadOnlyList<Target> All = new[] { Target.Container, Target.SandboxedContainer, Target.Vm };

        public static string Name(this Target target) => EnumText.Of(EnumText.Targets, (int)target) ?? Schema.ObjectShape.EnumName(target);

        public static bool TryParse(string? text, out Target target)
        {
            foreach (var t in All)
                if (t.Name() == text) { target = t; return true; }
            target = default;
            return false;
        }
    }
}
