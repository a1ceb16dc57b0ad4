using System.Linq;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;
using DeployAdvisor.Engine.Rules;
using Xunit;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// YamlDotNet's parser, given comment events, rejects valid YAML with a comment after a flow sequence in
/// a block mapping ("devices: [gpu]  # why"). The reader then reads without comment events and takes the
/// comments from the scanner, so such a descriptor loads and its suppressions still apply.
/// </summary>
public class FlowSequenceCommentTests
{
    private const string Text = "apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: gpu\nspec:\n  interface: headless\n  security:\n    sensitivity: internal\n  host:\n    devices: [gpu]   # the CUDA job\n  deployment:\n    target: vm  # deployadvisor-ignore DA4002: measured; the job keeps its VM\n";

    [Fact]
    public void A_comment_after_a_flow_sequence_is_valid_YAML()
    {
        var yaml = YamlReader.Read(Text);
        Assert.Empty(yaml.Findings);
        var root = Assert.IsType<YMapping>(Assert.Single(yaml.Documents).Root);
        Assert.Equal(2, yaml.Comments.Count);
        Assert.All(yaml.Comments, c => Assert.True(c.IsInline));
        Assert.Equal((10, 22), (yaml.Comments[0].Span.Line, yaml.Comments[0].Span.Column));
        var file = DescriptorLoader.LoadText("gpu.yaml", Text);
        Assert.Equal(new[] { Device.Gpu }, file.Documents.Single().Workload!.Devices);
    }

    [Fact]
    public void Its_suppressions_still_apply()
    {
        var checker = new WorkloadChecker(RuleSet.BuiltIn);
        var checkedFile = checker.CheckAll(new[] { DescriptorLoader.LoadText("gpu.yaml", Text) }).Single();
        Assert.Empty(checkedFile.AllFindings);   // DA4002 suppressed, and the suppression used (no DA0006)
        var unsuppressed = checker.CheckAll(new[] { DescriptorLoader.LoadText("gpu.yaml", Text.Replace("  # deployadvisor-ignore DA4002: measured; the job keeps its VM", "")) }).Single();
        Assert.Equal("DA4002", Assert.Single(unsuppressed.AllFindings).RuleId);
    }

    [Fact]
    public void A_broken_flow_sequence_is_still_DA0001_where_the_parser_stopped()
    {
        var yaml = YamlReader.Read("a:\n  b: [gpu   # open\nc: 1\n");
        Assert.Equal("DA0001", Assert.Single(yaml.Findings).RuleId);
        Assert.Empty(yaml.Documents);
    }
}
