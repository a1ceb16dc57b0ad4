using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers.Tests
{
    /// <summary>
    /// Issue 5: the analyzers never throw on code that does not compile. A realistic [Workload] service
    /// is mutated at random (deletions, duplications, stray punctuation and keywords, truncation) with a
    /// fixed seed; every mutant runs through the generator and both analyzers, and any analyzer
    /// exception or AD0001 fails the test with the mutant's source. ANALYZER_MUTANTS=N runs more.
    /// </summary>
    public class MutatedSourceTests
    {
        private const string Service = """
            using System;
            using System.Runtime.InteropServices;
            using System.Runtime.Versioning;
            using System.Threading.Tasks;
            using DeployAdvisor;

            [assembly: Workload("portal", WorkloadInterface.Web, DataSensitivity.Internal, StartupBudget = "5s")]

            namespace Shop
            {
                [Workload("payments-api", WorkloadInterface.Web, DataSensitivity.Restricted,
                          StartupBudget = "2m", SizeBudget = "20GB", MemoryOverheadBudget = "1GiB",
                          ReleasesPerWeek = 10, Instances = 40, Target = DeploymentTarget.Container)]
                public sealed partial class PaymentsService
                {
                    [DllImport("libc", EntryPoint = "mount")] private static extern int Mount(string s, string t, string f, ulong m, IntPtr d);
                    [SupportedOSPlatform("windows")] private static void WindowsOnly() { }
                    public async Task<int> AuthoriseAsync(decimal amount)
                    {
                        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount));
                        WindowsOnly();
                        await Task.Yield();
                        return Mount("a", "b", "c", 0, IntPtr.Zero) switch { 0 => 1, var x when x > 0 => x, _ => -1 };
                    }
                }

                [Workload("report-designer", WorkloadInterface.Gui, DataSensitivity.Internal, Os = TargetOs.Windows, Target = DeploymentTarget.Vm)]
                public struct Designer { public string Title => $"{nameof(Designer)}"; }
            }
            """;

        private static readonly string[] Inserts = { "(", ")", "{", "}", "[", "]", ",", ";", "=", "\"", "'", "@", "#", "$\"", "class ", "Workload(", "DeploymentTarget.", "static ", "=>", "?", "!", "<", ">", "\n", "/*", "//", "base", "default", "0x", "1e309" };

        internal static string Mutate(Random random)
        {
            var text = new StringBuilder(Service);
            int count = random.Next(1, 6);
            for (int i = 0; i < count && text.Length > 0; i++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(5))
                {
                    case 0: text.Remove(at, Math.Min(random.Next(1, 30), text.Length - at)); break;
                    case 1: text.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                    case 2:
                    {
                        int len = Math.Min(random.Next(1, 80), text.Length - at);
                        text.Insert(random.Next(text.Length), text.ToString(at, len));
                        break;
                    }
                    case 3: text[at] = Inserts[random.Next(Inserts.Length)][0]; break;
                    default: text.Length = at; break;
                }
            }
            return text.ToString();
        }

        [Fact]
        public async Task Analyzers_never_throw_on_randomly_mutated_sources()
        {
            int mutants = int.TryParse(Environment.GetEnvironmentVariable("ANALYZER_MUTANTS"), out var n) ? n : 60;
            var random = new Random(20261127);
            var files = ImmutableArray<AdditionalText>.Empty;
            for (int i = 0; i < mutants; i++)
            {
                var source = Mutate(random);
                var errors = await RobustnessTests.Run(source, files, new Dictionary<string, string>());
                Assert.True(errors.Count == 0, $"mutant {i} made an analyzer throw:\n{string.Join("\n", errors)}\n--- source ---\n{source}");
            }
        }

        [Fact]
        public async Task The_unmutated_service_is_analysed_without_exceptions()
        {
            // The seed itself must be clean, so that a failure above is the mutation's doing.
            var errors = await RobustnessTests.Run(Service, ImmutableArray<AdditionalText>.Empty, new Dictionary<string, string>());
            Assert.Empty(errors);
        }
    }
}
