using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The descriptors of the built-in rules, one static field per rule with its ID, category and default
    /// severity written as constants, so that the RS2000-series release tracking checks (which read
    /// descriptor field initializers) can compare them with AnalyzerReleases.Shipped.md and
    /// AnalyzerReleases.Unshipped.md. Titles, messages, descriptions and tags come from the rule catalog
    /// (rules/*.yaml); help links are added per configured docs base URL (<see cref="DescriptorCatalog"/>).
    /// </summary>
    /// <remarks>
    /// The constants repeat the catalog: ReleaseTrackingTests checks that they agree with rules/. A new rule
    /// needs a field here and a line in AnalyzerReleases.Unshipped.md.
    /// </remarks>
    internal static class ReleasedDescriptors
    {
        public static readonly DiagnosticDescriptor DA0001 = new DiagnosticDescriptor("DA0001", Title("DA0001"), Format("DA0001"), "DeployAdvisor.input", DiagnosticSeverity.Error, true, Description("DA0001"), null, Tags("DA0001"));
        public static readonly DiagnosticDescriptor DA0002 = new DiagnosticDescriptor("DA0002", Title("DA0002"), Format("DA0002"), "DeployAdvisor.input", DiagnosticSeverity.Error, true, Description("DA0002"), null, Tags("DA0002"));
        public static readonly DiagnosticDescriptor DA0003 = new DiagnosticDescriptor("DA0003", Title("DA0003"), Format("DA0003"), "DeployAdvisor.input", DiagnosticSeverity.Error, true, Description("DA0003"), null, Tags("DA0003"));
        public static readonly DiagnosticDescriptor DA0004 = new DiagnosticDescriptor("DA0004", Title("DA0004"), Format("DA0004"), "DeployAdvisor.input", DiagnosticSeverity.Warning, true, Description("DA0004"), null, Tags("DA0004"));
        public static readonly DiagnosticDescriptor DA0005 = new DiagnosticDescriptor("DA0005", Title("DA0005"), Format("DA0005"), "DeployAdvisor.input", DiagnosticSeverity.Warning, true, Description("DA0005"), null, Tags("DA0005"));
        public static readonly DiagnosticDescriptor DA0006 = new DiagnosticDescriptor("DA0006", Title("DA0006"), Format("DA0006"), "DeployAdvisor.input", DiagnosticSeverity.Warning, true, Description("DA0006"), null, Tags("DA0006"));
        public static readonly DiagnosticDescriptor DA0007 = new DiagnosticDescriptor("DA0007", Title("DA0007"), Format("DA0007"), "DeployAdvisor.input", DiagnosticSeverity.Error, true, Description("DA0007"), null, Tags("DA0007"));
        public static readonly DiagnosticDescriptor DA0008 = new DiagnosticDescriptor("DA0008", Title("DA0008"), Format("DA0008"), "DeployAdvisor.input", DiagnosticSeverity.Error, true, Description("DA0008"), null, Tags("DA0008"));
        public static readonly DiagnosticDescriptor DA0009 = new DiagnosticDescriptor("DA0009", Title("DA0009"), Format("DA0009"), "DeployAdvisor.input", DiagnosticSeverity.Error, true, Description("DA0009"), null, Tags("DA0009"));
        public static readonly DiagnosticDescriptor DA0010 = new DiagnosticDescriptor("DA0010", Title("DA0010"), Format("DA0010"), "DeployAdvisor.input", DiagnosticSeverity.Warning, true, Description("DA0010"), null, Tags("DA0010"));
        public static readonly DiagnosticDescriptor DA1001 = new DiagnosticDescriptor("DA1001", Title("DA1001"), Format("DA1001"), "DeployAdvisor.security", DiagnosticSeverity.Error, true, Description("DA1001"), null, Tags("DA1001"));
        public static readonly DiagnosticDescriptor DA1002 = new DiagnosticDescriptor("DA1002", Title("DA1002"), Format("DA1002"), "DeployAdvisor.security", DiagnosticSeverity.Error, true, Description("DA1002"), null, Tags("DA1002"));
        public static readonly DiagnosticDescriptor DA1003 = new DiagnosticDescriptor("DA1003", Title("DA1003"), Format("DA1003"), "DeployAdvisor.isolation", DiagnosticSeverity.Error, true, Description("DA1003"), null, Tags("DA1003"));
        public static readonly DiagnosticDescriptor DA1004 = new DiagnosticDescriptor("DA1004", Title("DA1004"), Format("DA1004"), "DeployAdvisor.security", DiagnosticSeverity.Warning, true, Description("DA1004"), null, Tags("DA1004"));
        public static readonly DiagnosticDescriptor DA1005 = new DiagnosticDescriptor("DA1005", Title("DA1005"), Format("DA1005"), "DeployAdvisor.isolation", DiagnosticSeverity.Error, true, Description("DA1005"), null, Tags("DA1005"));
        public static readonly DiagnosticDescriptor DA1006 = new DiagnosticDescriptor("DA1006", Title("DA1006"), Format("DA1006"), "DeployAdvisor.security", DiagnosticSeverity.Error, true, Description("DA1006"), null, Tags("DA1006"));
        public static readonly DiagnosticDescriptor DA1007 = new DiagnosticDescriptor("DA1007", Title("DA1007"), Format("DA1007"), "DeployAdvisor.isolation", DiagnosticSeverity.Error, true, Description("DA1007"), null, Tags("DA1007"));
        public static readonly DiagnosticDescriptor DA1101 = new DiagnosticDescriptor("DA1101", Title("DA1101"), Format("DA1101"), "DeployAdvisor.security", DiagnosticSeverity.Warning, true, Description("DA1101"), null, Tags("DA1101"));
        public static readonly DiagnosticDescriptor DA1102 = new DiagnosticDescriptor("DA1102", Title("DA1102"), Format("DA1102"), "DeployAdvisor.isolation", DiagnosticSeverity.Warning, true, Description("DA1102"), null, Tags("DA1102"));
        public static readonly DiagnosticDescriptor DA1103 = new DiagnosticDescriptor("DA1103", Title("DA1103"), Format("DA1103"), "DeployAdvisor.isolation", DiagnosticSeverity.Warning, true, Description("DA1103"), null, Tags("DA1103"));
        public static readonly DiagnosticDescriptor DA1104 = new DiagnosticDescriptor("DA1104", Title("DA1104"), Format("DA1104"), "DeployAdvisor.isolation", DiagnosticSeverity.Warning, true, Description("DA1104"), null, Tags("DA1104"));
        public static readonly DiagnosticDescriptor DA2001 = new DiagnosticDescriptor("DA2001", Title("DA2001"), Format("DA2001"), "DeployAdvisor.interface", DiagnosticSeverity.Error, true, Description("DA2001"), null, Tags("DA2001"));
        public static readonly DiagnosticDescriptor DA2101 = new DiagnosticDescriptor("DA2101", Title("DA2101"), Format("DA2101"), "DeployAdvisor.interface", DiagnosticSeverity.Warning, true, Description("DA2101"), null, Tags("DA2101"));
        public static readonly DiagnosticDescriptor DA2102 = new DiagnosticDescriptor("DA2102", Title("DA2102"), Format("DA2102"), "DeployAdvisor.interface", DiagnosticSeverity.Warning, true, Description("DA2102"), null, Tags("DA2102"));
        public static readonly DiagnosticDescriptor DA3001 = new DiagnosticDescriptor("DA3001", Title("DA3001"), Format("DA3001"), "DeployAdvisor.budgets", DiagnosticSeverity.Error, true, Description("DA3001"), null, Tags("DA3001"));
        public static readonly DiagnosticDescriptor DA3002 = new DiagnosticDescriptor("DA3002", Title("DA3002"), Format("DA3002"), "DeployAdvisor.budgets", DiagnosticSeverity.Error, true, Description("DA3002"), null, Tags("DA3002"));
        public static readonly DiagnosticDescriptor DA3003 = new DiagnosticDescriptor("DA3003", Title("DA3003"), Format("DA3003"), "DeployAdvisor.budgets", DiagnosticSeverity.Error, true, Description("DA3003"), null, Tags("DA3003"));
        public static readonly DiagnosticDescriptor DA4001 = new DiagnosticDescriptor("DA4001", Title("DA4001"), Format("DA4001"), "DeployAdvisor.plan", DiagnosticSeverity.Error, true, Description("DA4001"), null, Tags("DA4001"));
        public static readonly DiagnosticDescriptor DA4002 = new DiagnosticDescriptor("DA4002", Title("DA4002"), Format("DA4002"), "DeployAdvisor.plan", DiagnosticSeverity.Info, true, Description("DA4002"), null, Tags("DA4002"));
        public static readonly DiagnosticDescriptor DA5001 = new DiagnosticDescriptor("DA5001", Title("DA5001"), Format("DA5001"), "DeployAdvisor.distribution", DiagnosticSeverity.Warning, true, Description("DA5001"), null, Tags("DA5001"));
        public static readonly DiagnosticDescriptor DA6001 = new DiagnosticDescriptor("DA6001", Title("DA6001"), Format("DA6001"), "DeployAdvisor.platform", DiagnosticSeverity.Error, true, Description("DA6001"), null, Tags("DA6001"));
        public static readonly DiagnosticDescriptor DA7000 = new DiagnosticDescriptor("DA7000", Title("DA7000"), Format("DA7000"), "DeployAdvisor.artifacts", DiagnosticSeverity.Error, true, Description("DA7000"), null, Tags("DA7000"));
        public static readonly DiagnosticDescriptor DA7001 = new DiagnosticDescriptor("DA7001", Title("DA7001"), Format("DA7001"), "DeployAdvisor.artifacts", DiagnosticSeverity.Error, true, Description("DA7001"), null, Tags("DA7001"));
        public static readonly DiagnosticDescriptor DA7002 = new DiagnosticDescriptor("DA7002", Title("DA7002"), Format("DA7002"), "DeployAdvisor.artifacts", DiagnosticSeverity.Warning, true, Description("DA7002"), null, Tags("DA7002"));
        public static readonly DiagnosticDescriptor DA7003 = new DiagnosticDescriptor("DA7003", Title("DA7003"), Format("DA7003"), "DeployAdvisor.artifacts", DiagnosticSeverity.Warning, true, Description("DA7003"), null, Tags("DA7003"));
        public static readonly DiagnosticDescriptor DA7004 = new DiagnosticDescriptor("DA7004", Title("DA7004"), Format("DA7004"), "DeployAdvisor.artifacts", DiagnosticSeverity.Warning, true, Description("DA7004"), null, Tags("DA7004"));
        public static readonly DiagnosticDescriptor DA7005 = new DiagnosticDescriptor("DA7005", Title("DA7005"), Format("DA7005"), "DeployAdvisor.artifacts", DiagnosticSeverity.Warning, true, Description("DA7005"), null, Tags("DA7005"));

        public static readonly DiagnosticDescriptor DA9000 = new DiagnosticDescriptor(Descriptors.UserRuleId, "A user rule (from a *.rules.yaml additional file) fired",
            "{0}: {1}", "DeployAdvisor.user", DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: "Findings of rules defined in the project's own *.rules.yaml files; the message starts with the user rule's ID and the severity is the rule's own.");

        public static IEnumerable<DiagnosticDescriptor> BuiltIn() => new[] { DA0001, DA0002, DA0003, DA0004, DA0005, DA0006, DA0007, DA0008, DA0009, DA0010, DA1001, DA1002, DA1003, DA1004, DA1005, DA1006, DA1007, DA1101, DA1102, DA1103, DA1104, DA2001, DA2101, DA2102, DA3001, DA3002, DA3003, DA4001, DA4002, DA5001, DA6001, DA7000, DA7001, DA7002, DA7003, DA7004, DA7005 };

        private static string Title(string id) => DescriptorCatalog.Title(id);
        private static string Format(string id) => DescriptorCatalog.Format(id);
        private static string Description(string id) => DescriptorCatalog.Description(id);
        private static string[] Tags(string id) => DescriptorCatalog.Tags(id);
    }
}
