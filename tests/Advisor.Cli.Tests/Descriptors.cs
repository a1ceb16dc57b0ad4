namespace DeployAdvisor.Cli.Tests;

/// <summary>Small descriptors for tests.</summary>
public static class Descriptors
{
    public static string Workload(string name, string sensitivity = "public", string? target = null, string extraSpec = "")
        => DeployAdvisor.Tests.Shared.DescriptorText.Of(name, $"interface: web\nsecurity:\n  sensitivity: {sensitivity}")
           + extraSpec + (target is null ? "" : $"  deployment:\n    target: {target}\n");

    /// <summary>Planned container for restricted data: a DA1001 error at line 10.</summary>
    public static string Restricted(string name = "vault") => Workload(name, "restricted", "container");

    /// <summary>Planned container for confidential data: a DA1004 warning at line 10.</summary>
    public static string Confidential(string name = "crm") => Workload(name, "confidential", "container");

    public static string Clean(string name = "site") => Workload(name, "public", "container");
}
