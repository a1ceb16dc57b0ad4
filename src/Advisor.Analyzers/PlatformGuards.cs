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
    /// <summary>Whether a Windows-only call is guarded by a check for Windows, so the code has a path for other systems.</summary>
    internal sealed class PlatformGuards
    {
        private readonly Lazy<INamedTypeSymbol?> _operatingSystem;
        private readonly Lazy<INamedTypeSymbol?> _runtimeInformation;

        public PlatformGuards(Compilation compilation)
        {
            // Looked up when first needed: each lookup by metadata name searches every reference.
            _operatingSystem = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.OperatingSystem"));
            _runtimeInformation = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Runtime.InteropServices.RuntimeInformation"));
        }

        /// <summary>
        /// The call sits in the true branch of a check for Windows (OperatingSystem.IsWindows…,
        /// RuntimeInformation.IsOSPlatform): the code has a path for other systems.
        /// </summary>
        public bool IsGuardedForWindows(IOperation operation)
        {
            IOperation child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional && conditional.WhenTrue == child && ChecksPlatform(conditional.Condition))
                    return true;
            }
            return false;
        }

        private bool ChecksPlatform(IOperation condition)
        {
            foreach (var op in condition.DescendantsAndSelf())
            {
                if (op is IInvocationOperation inv)
                {
                    var type = inv.TargetMethod.ContainingType;
                    if (_operatingSystem.Value != null && SymbolEqualityComparer.Default.Equals(type, _operatingSystem.Value) && inv.TargetMethod.Name.StartsWith("IsWindows", StringComparison.Ordinal)) return true;
                    if (_runtimeInformation.Value != null && SymbolEqualityComparer.Default.Equals(type, _runtimeInformation.Value) && inv.TargetMethod.Name == "IsOSPlatform") return true;
                }
            }
            return false;
        }
    }
}
