using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>An evidence rule's diagnostic: at the evidence, naming the workload, with the attribute as its first additional location and the fix in its properties.</summary>
    internal static class EvidenceDiagnostics
    {
        private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Placeholders = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        public static Diagnostic Create(string id, Location location, WorkloadDeclaration decl)
        {
            var placeholders = Placeholders.GetOrAdd(id, i => Descriptors.MessageFormat(RuleSet.BuiltIn.Find(i)?.MessageTemplate ?? "").Placeholders);
            var args = placeholders.Select(p => (object)Fill(p, decl)).ToArray();
            var properties = id switch
            {
                EvidenceAnalyzer.ClassifiedData => FixProperties.Create(FixProperties.Sensitivity, "Confidential"),
                EvidenceAnalyzer.KernelAccess => FixProperties.Create(FixProperties.KernelModules, "true"),
                EvidenceAnalyzer.GuiCode => FixProperties.Create(FixProperties.Interface, "Gui"),
                _ => FixProperties.Create(FixProperties.Os, "Windows"),
            };
            return Diagnostic.Create(Descriptors.Get(id), location, new[] { decl.AttributeLocation }, properties, args);
        }

        private static string Fill(string placeholder, WorkloadDeclaration decl)
        {
            if (placeholder == "name") return decl.Name ?? "(unnamed)";
            if (!placeholder.StartsWith("field:", StringComparison.Ordinal)) return "";
            var field = placeholder.Substring("field:".Length);
            switch (field)
            {
                case Fields.Interface: return decl.Interface is WorkloadInterface i ? FieldValue.Enum(i).ToString() : "?";
                case Fields.Sensitivity: return decl.Sensitivity is Sensitivity s ? FieldValue.Enum(s).ToString() : "?";
                case Fields.Os: return decl.Os is TargetOs o ? FieldValue.Enum(o).ToString() : "?";
                case Fields.KernelModules: return decl.KernelModules == true ? "true" : "false";
                default:
                    try { return decl.Workload?.Get(field).ToString() ?? "?"; }
                    catch (ArgumentException) { return "?"; }
            }
        }
    }
}
