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
    /// <summary>Whether a platform-only call is guarded by a check for its platform, so the code has a path for other systems.</summary>
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
        /// The call sits in the true branch of a check for one of the platforms (OperatingSystem.IsWindows…
        /// for windows, RuntimeInformation.IsOSPlatform for any): the code has a path for other systems.
        /// </summary>
        public bool IsGuarded(IOperation operation, IReadOnlyList<string> platforms)
        {
            IOperation child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional && conditional.WhenTrue == child && ChecksPlatform(conditional.Condition, platforms))
                    return true;
            }
            return false;
        }

        private bool ChecksPlatform(IOperation condition, IReadOnlyList<string> platforms)
        {
            foreach (var op in condition.DescendantsAndSelf())
            {
                if (op is IInvocationOperation inv)
                {
                    var type = inv.TargetMethod.ContainingType;
                    if (_operatingSystem.Value != null && SymbolEqualityComparer.Default.Equals(type, _operatingSystem.Value) && ChecksOneOf(inv.TargetMethod.Name, platforms)) return true;
                    if (_runtimeInformation.Value != null && SymbolEqualityComparer.Default.Equals(type, _runtimeInformation.Value) && inv.TargetMethod.Name == "IsOSPlatform") return true;
                }
            }
            return false;
        }

        /// <summary>OperatingSystem.IsWindows, IsWindowsVersionAtLeast… check windows.</summary>
        private static bool ChecksOneOf(string method, IReadOnlyList<string> platforms)
        {
            foreach (var platform in platforms)
                if (method.Length >= 2 + platform.Length && method.StartsWith("Is", StringComparison.Ordinal)
                    && string.Compare(method, 2, platform, 0, platform.Length, StringComparison.OrdinalIgnoreCase) == 0)
                    return true;
            return false;
        }
    }
}
