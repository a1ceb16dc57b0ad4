using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests;

internal static class TestWorkloads
{
    public static LoadedDocument Document(string yaml)
    {
        var file = DescriptorLoader.LoadText("w.yaml", yaml);
        Assert.Empty(file.AllFindings);
        return Assert.Single(file.Documents);
    }

    public static WorkloadEvaluation Evaluate(string yaml, RulePolicy? policy = null, ProfileOverrides? overrides = null)
        => new Evaluator(RuleSet.BuiltIn, policy, overrides).Evaluate(Document(yaml).Workload!);

    public static string Spec(string spec, string name = "w") => DeployAdvisor.Tests.Shared.DescriptorText.Of(name, spec);
}
