using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RuleSet = DeployAdvisor.Engine.Rules.RuleSet;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// The IDs of the built-in evidence rules: the workload's code contradicts its declaration (DA1101,
    /// DA1102, DA1103, DA1104, DA2101, DA2102). Their jobs run in <see cref="WorkloadAnalyzer"/> (see why there), from
    /// <see cref="EvidenceActions"/>.
    /// </summary>
    /// <remarks>
    /// Kept as a class so that code naming it still compiles; it is not exported (no [DiagnosticAnalyzer]
    /// attribute, so the compiler never loads it), declares no diagnostics and registers nothing.
    /// </remarks>
#pragma warning disable RS1001 // deliberately not an exported analyzer
    public sealed class EvidenceAnalyzer : DiagnosticAnalyzer
    {
        public const string ClassifiedData = "DA1101";
        public const string KernelAccess = "DA1102";
        public const string PrivilegeUndeclared = "DA1103";
        public const string DeviceUndeclared = "DA1104";
        public const string GuiCode = "DA2101";
        public const string WindowsApi = "DA2102";

        /// <summary>The built-in evidence rules (rules/evidence.yaml): their triggers, conditions and fixes are data there.</summary>
        internal static readonly ImmutableHashSet<string> EvidenceIds =
            RuleSet.BuiltIn.Evidence.Rules.Select(r => r.Id).ToImmutableHashSet(StringComparer.Ordinal);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        }
    }
#pragma warning restore RS1001
}
