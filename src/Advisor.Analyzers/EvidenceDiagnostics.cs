using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// An evidence rule's diagnostic: at the evidence, naming the workload, with the attribute as its
    /// first additional location and the rule's fix (data in the rule file) in its properties. A built-in
    /// rule reports under its own ID; a user rule under DA9000 with its ID, message and severity.
    /// </summary>
    internal static class EvidenceDiagnostics
    {
        private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Placeholders = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        public static Diagnostic Create(DescriptorCatalog descriptors, Rule rule, Location location, WorkloadDeclaration decl)
        {
            var placeholders = Placeholders.GetOrAdd(rule.MessageTemplate, t => Descriptors.MessageFormat(t).Placeholders);
            var args = placeholders.Select(p => (object)Fill(p, decl)).ToArray();
            var properties = rule.Fix is EvidenceFix fix ? WorkloadDeclaration.FixFor(fix) ?? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty;
            var additional = new[] { decl.AttributeLocation };
            if (rule.IsBuiltIn && descriptors.Find(rule.Id) is DiagnosticDescriptor descriptor && descriptor.Id != Descriptors.UserRuleId)
                return Diagnostic.Create(descriptor, location, additional, properties, args);
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptors.MessageFormat(rule.MessageTemplate).Format, args);
            return Diagnostic.Create(descriptors.UserRule, location, Descriptors.ToRoslyn(rule.DefaultSeverity), additional, properties, rule.Id, message);
        }

        private static string Fill(string placeholder, WorkloadDeclaration decl)
        {
            if (placeholder == "name") return decl.Name ?? "(unnamed)";
            if (!placeholder.StartsWith("field:", StringComparison.Ordinal)) return "";
            var field = placeholder.Substring("field:".Length);
            try
            {
                if (decl.Workload != null) return decl.Workload.Get(field).ToString();
                var value = decl.Get(field);
                return value.IsAbsent ? "?" : value.ToString();
            }
            catch (ArgumentException) { return "?"; }
        }
    }
}
