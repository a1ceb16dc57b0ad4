using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Literals;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Rules
{
    public enum ProfileFigure { Startup, Size, SizeLinux, SizeWindows, MemoryOverhead, SizeWindowsServerCore, SizeWindowsServer, Devices }

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
            ["sizeWindowsServerCore"] = ProfileFigure.SizeWindowsServerCore,
            ["sizeWindowsServer"] = ProfileFigure.SizeWindowsServer,
            ["devices"] = ProfileFigure.Devices,
        };

        /// <summary>A figure that is a size (compared with size budgets).</summary>
        public static bool IsSize(ProfileFigure f) => f != ProfileFigure.Startup && f != ProfileFigure.Devices;

        public static string NameOf(ProfileFigure f) => ByName.First(p => p.Value == f).Key;
    }

    /// <summary>The typical figures of one target, each with where it comes from.</summary>
    public sealed class PlatformProfile
    {
        public PlatformProfile(Target target, Duration startup, ByteSize sizeLinux, ByteSize sizeWindows, ByteSize memoryOverhead,
            IReadOnlyDictionary<ProfileFigure, string>? sources = null)
            : this(target, startup, sizeLinux, sizeWindows, memoryOverhead, sizeWindows, sizeWindows, AllDevices, sources)
        {
        }

        /// <param name="sizeWindowsServerCore">The smallest Windows Server Core artifact (windows.image: servercore).</param>
        /// <param name="sizeWindowsServer">The smallest Windows Server artifact (windows.image: server).</param>
        /// <param name="devices">The devices a workload on this target can reach (a <see cref="ValueKind.Set"/> value).</param>
        public PlatformProfile(Target target, Duration startup, ByteSize sizeLinux, ByteSize sizeWindows, ByteSize memoryOverhead,
            ByteSize sizeWindowsServerCore, ByteSize sizeWindowsServer, FieldValue devices,
            IReadOnlyDictionary<ProfileFigure, string>? sources = null)
        {
            Target = target; Startup = startup; SizeLinux = sizeLinux; SizeWindows = sizeWindows; MemoryOverhead = memoryOverhead;
            SizeWindowsServerCore = sizeWindowsServerCore; SizeWindowsServer = sizeWindowsServer;
            Devices = devices.Kind == ValueKind.Set ? devices : AllDevices;
            Sources = sources ?? new Dictionary<ProfileFigure, string>();
        }

        /// <summary>Every device: what a profile offers unless it says otherwise.</summary>
        public static readonly FieldValue AllDevices = FieldValue.Set(new[] { Device.Gpu, Device.Fpga, Device.Usb });

        public Target Target { get; }
        public Duration Startup { get; }
        public ByteSize SizeLinux { get; }
        /// <summary>The Nano Server figure (windows.image: nanoserver, the default).</summary>
        public ByteSize SizeWindows { get; }
        public ByteSize SizeWindowsServerCore { get; }
        public ByteSize SizeWindowsServer { get; }
        public ByteSize MemoryOverhead { get; }
        public FieldValue Devices { get; }
        public IReadOnlyDictionary<ProfileFigure, string> Sources { get; }

        /// <summary>The smallest artifact for a workload's os and Windows image.</summary>
        public ByteSize SizeFor(TargetOs os, WindowsImage image) => os != TargetOs.Windows ? SizeLinux : image switch
        {
            WindowsImage.ServerCore => SizeWindowsServerCore,
            WindowsImage.Server => SizeWindowsServer,
            _ => SizeWindows,
        };

        /// <summary>The figure that <see cref="ProfileFigure.Size"/> means for a workload with this os and image.</summary>
        public static ProfileFigure SizeFigureFor(TargetOs os, WindowsImage image) => os != TargetOs.Windows ? ProfileFigure.SizeLinux : image switch
        {
            WindowsImage.ServerCore => ProfileFigure.SizeWindowsServerCore,
            WindowsImage.Server => ProfileFigure.SizeWindowsServer,
            _ => ProfileFigure.SizeWindows,
        };

        public FieldValue Figure(ProfileFigure figure, TargetOs os) => Figure(figure, os, WindowsImage.NanoServer);

        public FieldValue Figure(ProfileFigure figure, TargetOs os, WindowsImage image) => figure switch
        {
            ProfileFigure.Startup => FieldValue.Of(Startup),
            ProfileFigure.Size => FieldValue.Of(SizeFor(os, image)),
            ProfileFigure.SizeLinux => FieldValue.Of(SizeLinux),
            ProfileFigure.SizeWindows => FieldValue.Of(SizeWindows),
            ProfileFigure.SizeWindowsServerCore => FieldValue.Of(SizeWindowsServerCore),
            ProfileFigure.SizeWindowsServer => FieldValue.Of(SizeWindowsServer),
            ProfileFigure.Devices => Devices,
            _ => FieldValue.Of(MemoryOverhead),
        };

        public PlatformProfile With(ProfileFigure figure, FieldValue value, string source)
        {
            var sources = Sources.ToDictionary(p => p.Key, p => p.Value);
            sources[figure] = source;
            ByteSize Size(ProfileFigure f, ByteSize current) => f == figure ? new ByteSize(value.Number) : current;
            if (figure == ProfileFigure.Size)
                throw new ArgumentException("size depends on the workload's os; override sizeLinux or sizeWindows", nameof(figure));
            return new PlatformProfile(Target,
                figure == ProfileFigure.Startup ? new Duration(value.Number) : Startup,
                Size(ProfileFigure.SizeLinux, SizeLinux), Size(ProfileFigure.SizeWindows, SizeWindows), Size(ProfileFigure.MemoryOverhead, MemoryOverhead),
                Size(ProfileFigure.SizeWindowsServerCore, SizeWindowsServerCore), Size(ProfileFigure.SizeWindowsServer, SizeWindowsServer),
                figure == ProfileFigure.Devices ? value : Devices, sources);
        }
    }

    /// <summary>The profiles of all three targets.</summary>
    public sealed class PlatformProfiles
    {
        private readonly IReadOnlyDictionary<Target, PlatformProfile> _profiles;

        private readonly int _offered; // bit per target the platform offers
        private readonly Findings.Location? _offeredAt;

        public PlatformProfiles(IEnumerable<PlatformProfile> profiles) : this(profiles, null, null) { }

        private PlatformProfiles(IEnumerable<PlatformProfile> profiles, IEnumerable<Target>? offered, Findings.Location? offeredAt)
        {
            _profiles = profiles.ToDictionary(p => p.Target);
            foreach (var t in offered ?? Targets.All) _offered |= 1 << (int)t;
            _offeredAt = offeredAt;
        }

        public PlatformProfile Get(Target target) => _profiles[target];

        /// <summary>The platform offers the target (configuration platform.targets; all three unless it says otherwise).</summary>
        public bool Offers(Target target) => (_offered & (1 << (int)target)) != 0;

        /// <summary>Where the platform's offer is written (the configuration's platform.targets), for findings that it decided.</summary>
        public Findings.Location? OfferedAt => _offeredAt;
        public IEnumerable<PlatformProfile> All => Targets.All.Select(Get);

        /// <summary>
        /// Applies user overrides, the plain object both front ends fill from their configuration
        /// (the CLI's config file, the analyzer's .editorconfig keys).
        /// </summary>
        public PlatformProfiles With(ProfileOverrides? overrides)
        {
            if (overrides is null || (overrides.Count == 0 && overrides.OfferedTargets is null)) return this;
            var result = _profiles.ToDictionary(p => p.Key, p => p.Value);
            foreach (var o in overrides.Entries)
            {
                var figure = o.Figure;
                if (figure == ProfileFigure.Size)
                {
                    // "size" sets every os's and image's figure: the user means "the artifact of this target".
                    result[o.Target] = result[o.Target].With(ProfileFigure.SizeLinux, o.Value, o.Source).With(ProfileFigure.SizeWindows, o.Value, o.Source)
                        .With(ProfileFigure.SizeWindowsServerCore, o.Value, o.Source).With(ProfileFigure.SizeWindowsServer, o.Value, o.Source);
                }
                else
                {
                    result[o.Target] = result[o.Target].With(figure, o.Value, o.Source);
                }
            }
            return overrides.OfferedTargets is null
                ? new PlatformProfiles(result.Values, null, null)
                : new PlatformProfiles(result.Values, overrides.OfferedTargets, overrides.OfferedAt);
        }
    }

    /// <summary>Profile overrides: target × figure → value, with where each was written.</summary>
    public sealed class ProfileOverrides
    {
        private readonly List<ProfileOverride> _entries = new List<ProfileOverride>();
        public IReadOnlyList<ProfileOverride> Entries => _entries;
        public int Count => _entries.Count;

        /// <summary>The targets the platform offers (platform.targets), or null for all three.</summary>
        public IReadOnlyList<Target>? OfferedTargets { get; private set; }
        /// <summary>Where the offer is written.</summary>
        public Findings.Location? OfferedAt { get; private set; }

        /// <summary>Says which targets the platform offers: the others are excluded (DA6001).</summary>
        public void Offer(IEnumerable<Target> targets, Findings.Location? at)
        {
            OfferedTargets = targets.Distinct().ToList();
            OfferedAt = at;
        }

        /// <summary>Adds a device-set override (an empty list: no device).</summary>
        public void AddDevices(Target target, IEnumerable<Device> devices, string source)
            => _entries.Add(new ProfileOverride(target, ProfileFigure.Devices, FieldValue.Set(devices), source));

        /// <summary>Adds an override from its literal; false with an error message when the literal does not fit the figure.</summary>
        public bool TryAdd(Target target, ProfileFigure figure, string literal, string source, out string? error)
        {
            FieldValue value;
            if (figure == ProfileFigure.Devices)
            {
                var devices = new List<Device>();
                foreach (var part in literal.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var name = part.Trim();
                    if (name.Length == 0) continue;
                    int i = Array.IndexOf(EnumText.Devices, name);
                    if (i < 0) { error = $"'{name}' is not a device; expected gpu, fpga or usb"; return false; }
                    devices.Add((Device)i);
                }
                _entries.Add(new ProfileOverride(target, figure, FieldValue.Set(devices), source));
                error = null;
                return true;
            }
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
