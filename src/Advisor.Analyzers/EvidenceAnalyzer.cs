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
    /// DA1102, DA2101, DA2102). Their jobs run in <see cref="WorkloadAnalyzer"/> (see why there), from
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
        public const string GuiCode = "DA2101";
        public const string WindowsApi = "DA2102";

        internal static readonly ImmutableHashSet<string> EvidenceIds = ImmutableHashSet.Create(StringComparer.Ordinal, ClassifiedData, KernelAccess, GuiCode, WindowsApi);

        /// <summary>Kernel-facing entry points of analyzers.md.</summary>
        internal static readonly ImmutableHashSet<string> KernelEntryPoints = ImmutableHashSet.Create(StringComparer.Ordinal,
            "init_module", "finit_module", "delete_module", "mount", "umount2", "setns", "unshare", "pivot_root");

        /// <summary>Namespaces of desktop GUI frameworks: Windows Forms, WPF, Avalonia, GTK#, MAUI.</summary>
        internal static readonly string[] GuiNamespaces =
        {
            "System.Windows.Forms",
            "System.Windows.Controls", "System.Windows.Media", "System.Windows.Shapes", "System.Windows.Documents", "System.Windows.Navigation",
            "Avalonia", "Gtk", "Microsoft.Maui",
        };

        /// <summary>WPF's own types in the System.Windows namespace itself (it also holds non-GUI types elsewhere).</summary>
        internal static readonly ImmutableHashSet<string> WpfRootTypes = ImmutableHashSet.Create(StringComparer.Ordinal,
            "Window", "Application", "MessageBox", "UIElement", "FrameworkElement", "Clipboard");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        }
    }
#pragma warning restore RS1001
}
