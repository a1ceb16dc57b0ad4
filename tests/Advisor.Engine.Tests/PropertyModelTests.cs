using System.Collections.Generic;
using System.Linq;
using CsCheck;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// The properties of issue 19 item 6 over generated workloads with the 0.2 fields (CsCheck): adding
/// a device never adds a feasible target; hosts: dedicated never removes one; a platform offering
/// fewer targets never adds one.
/// </summary>
public class PropertyModelTests
{
    private static readonly Evaluator Evaluator = new(RuleSet.BuiltIn);

    private static readonly Gen<Device[]> DeviceSets = Gen.Int[0, 7].Select(mask =>
        new[] { Device.Gpu, Device.Fpga, Device.Usb }.Where((d, i) => (mask & (1 << i)) != 0).ToArray());

    private static readonly Gen<Workload> Workloads =
        Gen.Select(PropertyTests.Workloads, DeviceSets, Gen.Bool.Array[3], Gen.Enum<WindowsImage>(),
            (w, devices, flags, image) =>
            {
                w.Devices = devices;
                w.Privileged = flags[0];
                w.HostAccess = flags[1];
                w.Hosts = flags[2] ? HostTenancy.Dedicated : HostTenancy.Shared;
                if (w.Os == TargetOs.Windows) { w.HasWindows = true; w.WindowsImage = image; }
                return w;
            });

    private static ISet<Target> Feasible(Workload w, Evaluator? evaluator = null)
        => (evaluator ?? Evaluator).Evaluate(w).Ranking.Where(r => r.Feasible).Select(r => r.Target).ToHashSet();

    private static Workload Copy(Workload w) => new(w.Name, w.Interface, w.Sensitivity)
    {
        Os = w.Os, UntrustedCode = w.UntrustedCode, MultiTenant = w.MultiTenant, KernelModules = w.KernelModules,
        StartupBudget = w.StartupBudget, SizeBudget = w.SizeBudget, MemoryOverheadBudget = w.MemoryOverheadBudget,
        ReleasesPerWeek = w.ReleasesPerWeek, Instances = w.Instances, PlannedTarget = w.PlannedTarget,
        HasWindows = w.HasWindows, WindowsImage = w.WindowsImage, Privileged = w.Privileged, HostAccess = w.HostAccess,
        Devices = w.Devices, Hosts = w.Hosts,
    };

    [Fact]
    public void Adding_a_device_never_adds_a_feasible_target()
    {
        Workloads.Sample(w =>
        {
            var before = Feasible(w);
            foreach (var d in new[] { Device.Gpu, Device.Fpga, Device.Usb }.Where(d => !w.Devices.Contains(d)))
            {
                var more = Copy(w);
                more.Devices = w.Devices.Append(d).ToArray();
                if (!Feasible(more).IsSubsetOf(before)) return false;
            }
            return true;
        }, iter: 2000);
    }

    [Fact]
    public void Dedicated_hosts_never_remove_a_feasible_target()
    {
        Workloads.Where(w => w.Hosts == HostTenancy.Shared).Sample(w =>
        {
            var dedicated = Copy(w);
            dedicated.Hosts = HostTenancy.Dedicated;
            return Feasible(w).IsSubsetOf(Feasible(dedicated));
        }, iter: 2000);
    }

    private static readonly Evaluator[] Platforms = Enumerable.Range(1, 7).Select(mask =>
    {
        var overrides = new ProfileOverrides();
        overrides.Offer(Targets.All.Where(t => (mask & (1 << (int)t)) != 0), null);
        return new Evaluator(RuleSet.BuiltIn, null, overrides);
    }).ToArray();

    [Fact]
    public void A_platform_offering_fewer_targets_never_adds_one()
    {
        // Platforms[mask - 1] offers the targets of mask's bits; a sub-mask offers fewer.
        Gen.Select(Workloads, Gen.Int[1, 7], Gen.Int[0, 7]).Sample((w, mask, drop) =>
        {
            int fewer = mask & ~drop;
            if (fewer == 0 || fewer == mask) return true;
            var wide = Feasible(w, Platforms[mask - 1]);
            var narrow = Feasible(w, Platforms[fewer - 1]);
            return narrow.IsSubsetOf(wide) && narrow.All(t => (fewer & (1 << (int)t)) != 0);
        }, iter: 2000);
    }

    [Fact]
    public void The_default_platform_is_the_one_that_offers_all_three()
    {
        Workloads.Sample(w => Feasible(w).SetEquals(Feasible(w, Platforms[6])), iter: 500);
    }
}
