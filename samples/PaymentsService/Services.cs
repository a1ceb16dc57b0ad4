using System.Runtime.InteropServices;
using DeployAdvisor;

// Every type of this assembly is part of the "sample-tools" command-line workload,
// unless it declares a workload of its own.
[assembly: Workload("sample-tools", WorkloadInterface.Cli, DataSensitivity.Internal)]

namespace Sample
{
    /// <summary>Restricted payment data planned on a shared kernel: the rules exclude container.</summary>
    [Workload("payments-api", WorkloadInterface.Web, DataSensitivity.Restricted,
              StartupBudget = "2m", SizeBudget = "20GB",
              Target = DeploymentTarget.Container)] // expect: DA1001 warning
    public sealed class PaymentsService
    {
        public string Authorise(string card) => card.Length == 16 ? "ok" : "declined";
    }

    /// <summary>Confidential data on a plain container: allowed, but a sandbox is recommended.</summary>
    [Workload("crm", WorkloadInterface.Web, DataSensitivity.Confidential,
              Target = DeploymentTarget.Container)] // expect: DA1004 warning
    public sealed class CrmService
    {
    }

    /// <summary>Consistent: a restricted service planned on a VM reports nothing.</summary>
    [Workload("ledger", WorkloadInterface.Headless, DataSensitivity.Restricted, Target = DeploymentTarget.Vm)]
    public sealed class Ledger
    {
    }

    /// <summary>The code enters kernel namespaces (a privileged call) but the declaration does not say so.</summary>
    [Workload("edge-inspector", WorkloadInterface.Headless, DataSensitivity.Internal)]
    public sealed class EdgeInspector
    {
        public int Isolate() => Native.unshare(0x20000); // expect: DA1103 warning
    }

    /// <summary>Part of the assembly's workload (os linux by default), yet it reads the Windows registry.</summary>
    public static class Maintenance
    {
#pragma warning disable CA1416 // the platform analyzer agrees; DA2102 says what it means for the workload
        public static object? ReadMode() => Microsoft.Win32.Registry.GetValue(@"HKEY_CURRENT_USER\Software\Sample", "Mode", null); // expect: DA2102 warning
#pragma warning restore CA1416
    }

    internal static class Native
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int unshare(int flags);
    }
}
