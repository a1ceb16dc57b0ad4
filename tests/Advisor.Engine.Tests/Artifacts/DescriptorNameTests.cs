using System.Linq;
using System.Text;
using CsCheck;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    /// <summary>
    /// A workload's name by the descriptor name rules (Vocabulary.DescriptorName returns a name that already follows
    /// them as it is), held here to the loop every name went through, through the name of a Deployment.
    /// </summary>
    public class DescriptorNameTests
    {
        private static readonly string[] Pieces = { "", "a", "z", "0", "9", "-", "--", "_", ".", " ", "A", "Web", "é", "İ", "api-00123", new string('x', 40), "--a" };

        private static readonly Gen<string> Names = Gen.Int[0, Pieces.Length - 1].Array[0, 8].Select(picks => string.Concat(picks.Select(p => Pieces[p])));

        [Fact]
        [Trait("Category", "Fuzz")]
        public void Names_as_the_loop_names_them()
            => Names.Sample(raw => Assert.Equal(Reference(raw), NameOf(raw)), iter: FuzzTests.Iterations(2_000));

        [Theory]
        [InlineData("api-00123", "api-00123")]
        [InlineData("-a-", "-a-")]
        [InlineData("a--b", "a-b")]
        [InlineData("Web_App", "web-app")]
        [InlineData("", "workload")]
        public void Examples(string raw, string name) => Assert.Equal(name, NameOf(raw));

        private static string NameOf(string raw)
            => Scan.Files(("deploy/app.yaml", $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \"{raw}\"\nspec:\n  template:\n    spec:\n      containers: [{{name: c, image: x}}]\n")).Only().Name;

        /// <summary>DescriptorName as it was at commit 5c0c733: every name through the loop.</summary>
        private static string Reference(string raw)
        {
            var sb = new StringBuilder(raw.Length);
            foreach (var ch in raw.ToLowerInvariant())
            {
                char c = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-';
                if (c == '-' && sb.Length > 0 && sb[sb.Length - 1] == '-') continue;
                sb.Append(c);
            }
            var name = sb.ToString();
            if (name.Length > 63) name = name.Substring(0, 63);
            return name.Length == 0 ? "workload" : name;
        }
    }
}
