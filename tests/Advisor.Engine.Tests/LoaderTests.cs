using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Tests;

public class LoaderTests
{
    private const string Valid = """
        apiVersion: deployadvisor/v1
        kind: Workload
        metadata:
          name: api
        spec:
          interface: web
          security:
            sensitivity: internal
        """;

    private static LoadedFile Load(string text, bool named = true) => DescriptorLoader.LoadText("w.yaml", text, named);

    private static (string Rule, int Line, int Column, string Message)[] Findings(string text, bool named = true)
        => Load(text, named).AllFindings.OrderBy(f => f, Finding.Order).Select(f => (f.RuleId, f.Location!.Span.Line, f.Location.Span.Column, f.Message)).ToArray();

    private static void AssertSingle(string text, string rule, int line, int column, string? messagePart = null)
    {
        var findings = Findings(text);
        var f = Assert.Single(findings);
        Assert.Equal((rule, line, column), (f.Rule, f.Line, f.Column));
        if (messagePart != null) Assert.Contains(messagePart, f.Message);
    }

    [Fact]
    public void A_valid_descriptor_has_a_workload_with_defaults()
    {
        var file = Load(Valid);
        Assert.Empty(file.AllFindings);
        var w = Assert.Single(file.Documents).Workload!;
        Assert.Equal("api", w.Name);
        Assert.Equal(WorkloadInterface.Web, w.Interface);
        Assert.Equal(TargetOs.Linux, w.Os);
        Assert.False(w.UntrustedCode);
        Assert.Null(w.StartupBudget);
        Assert.Null(w.PlannedTarget);
    }

    [Fact]
    public void Bom_and_crlf_are_accepted_and_positions_stay_right()
    {
        var text = Valid.Replace("\n", "\r\n") + "\r\n  deployment:\r\n    target: vm\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var file = DescriptorLoader.Load("w.yaml", bytes, true);
        Assert.Empty(file.AllFindings);
        var doc = Assert.Single(file.Documents);
        Assert.Equal(Target.Vm, doc.Workload!.PlannedTarget);
        Assert.Equal(SourceSpan.At(10, 13), SourceSpan.At(doc.Locations.ValueOf(Fields.Target)!.Line, doc.Locations.ValueOf(Fields.Target)!.Column));
    }

    [Fact]
    public void Unknown_field_is_located_at_its_key_with_a_suggestion()
    {
        // Issue 22: a misspelt required field is one error (the unknown key and its "did you mean"),
        // no longer also "lacks the required field 'sensitivity'" at the mapping's key.
        var findings = Findings(Valid.Replace("sensitivity: internal", "sensitivty: internal"));
        var f = Assert.Single(findings);
        Assert.Equal(("DA0002", 8, 5), (f.Rule, f.Line, f.Column));
        Assert.Contains("unknown field 'sensitivty'", f.Message);
        Assert.Contains("did you mean 'sensitivity'", f.Message);
        Assert.DoesNotContain(findings, x => x.Message.Contains("lacks the required field"));
    }

    [Fact]
    public void An_unknown_field_that_is_no_slip_of_a_missing_required_one_leaves_both_errors()
    {
        var findings = Findings(Valid.Replace("sensitivity: internal", "colour: internal"));
        Assert.Equal(2, findings.Length);
        Assert.Equal(("DA0002", 7, 3), (findings[0].Rule, findings[0].Line, findings[0].Column));
        Assert.Contains("lacks the required field 'sensitivity'", findings[0].Message);
        Assert.Equal(("DA0002", 8, 5), (findings[1].Rule, findings[1].Line, findings[1].Column));
        Assert.Contains("unknown field 'colour'", findings[1].Message);
    }

    [Fact]
    public void Missing_required_field_is_located_at_the_key_of_the_mapping_that_lacks_it()
    {
        var findings = Findings(Valid.Replace("    sensitivity: internal", "    untrustedCode: true"));
        var f = Assert.Single(findings);
        Assert.Equal(("DA0002", 7, 3), (f.Rule, f.Line, f.Column));
        Assert.Contains("'sensitivity'", f.Message);
    }

    [Fact]
    public void Missing_required_top_level_field_is_located_at_the_document()
        => AssertSingle(Valid.Replace("kind: Workload\n", "kind: Workload\n").Replace("metadata:\n  name: api\n", ""), "DA0002", 1, 1, "'metadata'");

    [Fact]
    public void Wrong_type_is_located_at_the_value()
        => AssertSingle(Valid + "\n  operations:\n    releasesPerWeek: \"10\"", "DA0002", 10, 22, "must be an integer");

    [Fact]
    public void Yes_is_a_string_not_a_boolean()
        => AssertSingle(Valid + "\n    untrustedCode: yes", "DA0002", 9, 20, "true or false");

    [Fact]
    public void Bad_enum_value_is_located_at_the_value()
        => AssertSingle(Valid.Replace("interface: web", "interface: desktop"), "DA0002", 6, 14, "one of headless, cli, web, gui");

    [Fact]
    public void Bad_duration_literal_is_located_at_the_value()
        => AssertSingle(Valid + "\n  budgets:\n    startup: fast", "DA0002", 10, 14, "startup");

    [Fact]
    public void Fractional_milliseconds_are_an_error()
        => AssertSingle(Valid + "\n  budgets:\n    startup: 0.1ms", "DA0002", 10, 14, "whole number of milliseconds");

    [Fact]
    public void Overflowing_size_is_an_error()
        => AssertSingle(Valid + "\n  budgets:\n    size: 10000000000TB", "DA0002", 10, 11, "too large");

    [Fact]
    public void Empty_optional_value_is_an_error()
        => AssertSingle(Valid + "\n  os:", "DA0002", 9, 6, "omit the key");

    [Fact]
    public void Null_value_is_an_error()
        => AssertSingle(Valid + "\n  os: null", "DA0002", 9, 7, "empty");

    [Fact]
    public void Out_of_range_integer_is_an_error()
        => AssertSingle(Valid + "\n  operations:\n    instances: 0", "DA0002", 10, 16, "out of range");

    [Fact]
    public void Thirty_digit_integer_is_an_error_not_a_wrap()
        => AssertSingle(Valid + "\n  operations:\n    releasesPerWeek: 123456789012345678901234567890", "DA0002", 10, 22, "out of range");

    [Fact]
    public void Invalid_name_is_an_error()
        => AssertSingle(Valid.Replace("name: api", "name: Payments_API"), "DA0002", 4, 9, "metadata.name");

    [Fact]
    public void Unsupported_tag_is_an_error()
        => AssertSingle(Valid.Replace("interface: web", "interface: !!python/object:os.system web"), "DA0002", 6, 14, "not supported");

    [Fact]
    public void Duplicate_key_is_a_syntax_error_at_the_duplicate()
        => AssertSingle(Valid + "\n  interface: cli", "DA0001", 9, 3, "duplicate key 'interface'");

    [Fact]
    public void Unclosed_flow_sequence_is_a_syntax_error()
    {
        var f = Assert.Single(Findings("apiVersion: deployadvisor/v1\nkind: [Workload, x\nmetadata: {}\n"));
        Assert.Equal("DA0001", f.Rule);
        Assert.True(f.Line >= 2);
    }

    [Fact]
    public void Undefined_alias_is_a_syntax_error()
        => AssertSingle(Valid.Replace("interface: web", "interface: *nowhere"), "DA0001", 6, 14, "alias");

    [Fact]
    public void Tab_indentation_is_a_syntax_error()
    {
        var f = Assert.Single(Findings("apiVersion: deployadvisor/v1\nkind: Workload\nspec:\n\tinterface: web\n"));
        Assert.Equal(("DA0001", 4), (f.Rule, f.Line));
    }

    [Fact]
    public void Invalid_utf8_is_a_syntax_error_located_at_the_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: deployadvisor/v1\nkind: Wor").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("kload\n")).ToArray();
        var f = Assert.Single(DescriptorLoader.Load("w.yaml", bytes, true).AllFindings);
        Assert.Equal(("DA0001", 2, 10), (f.RuleId, f.Location!.Span.Line, f.Location.Span.Column));
        Assert.Contains("UTF-8", f.Message);
    }

    [Fact]
    public void Nul_byte_is_a_syntax_error()
        => AssertSingle("apiVersion: deployadvisor/v1\nkind: Work\0load\n", "DA0001", 2, 11, "U+0000");

    [Fact]
    public void Named_file_without_descriptor_is_DA0003_at_the_start()
        => AssertSingle("apiVersion: apps/v1\nkind: Deployment\n", "DA0003", 1, 1, "no deployadvisor/v1 Workload");

    [Fact]
    public void Scanned_file_without_descriptor_is_silent()
        => Assert.Empty(Findings("apiVersion: apps/v1\nkind: Deployment\n", named: false));

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just a scalar\n")]
    public void Empty_comment_only_and_non_mapping_files_are_DA0003_when_named(string text)
        => AssertSingle(text, "DA0003", 1, 1);

    [Fact]
    public void Other_deployadvisor_documents_are_DA0003_at_the_api_version()
        => AssertSingle("apiVersion: deployadvisor/v2\nkind: Workload\n", "DA0003", 1, 13, "deployadvisor/v2");

    [Fact]
    public void A_bad_document_does_not_hide_the_good_ones()
    {
        var text = Valid + "\n---\napiVersion: deployadvisor/v1\nkind: [unclosed\n---\n" + Valid.Replace("name: api", "name: second") + "\n---\n" + Valid.Replace("name: api", "name: third").Replace("web", "webb");
        var file = Load(text);
        Assert.Equal(new[] { "api", "second", "third" }, file.Documents.Select(d => d.Name));
        Assert.NotNull(file.Documents[0].Workload);
        Assert.NotNull(file.Documents[1].Workload);
        Assert.Null(file.Documents[2].Workload);
        var findings = file.AllFindings.OrderBy(f => f, Finding.Order).ToList();
        Assert.Equal(new[] { "DA0001", "DA0002" }, findings.Select(f => f.RuleId));
        Assert.Equal(12, findings[0].Location!.Span.Line);
        Assert.Equal((27, 14), (findings[1].Location!.Span.Line, findings[1].Location!.Span.Column));
    }

    [Fact]
    public void Merge_keys_are_not_special()
    {
        var findings = Findings(Valid.Replace("  interface: web\n", "  <<: {interface: web}\n"));
        Assert.Contains(findings, f => f.Rule == "DA0002" && f.Line == 6 && f.Column == 3 && f.Message.Contains("unknown field '<<'"));
        Assert.Contains(findings, f => f.Rule == "DA0002" && f.Message.Contains("lacks the required field 'interface'"));
    }

    [Fact]
    public void Several_errors_in_one_document_are_all_reported()
    {
        var findings = Findings(Valid.Replace("interface: web", "interface: desktop").Replace("sensitivity: internal", "sensitivity: secret") + "\n  extra: 1");
        Assert.Equal(3, findings.Length);
        Assert.All(findings, f => Assert.Equal("DA0002", f.Rule));
    }

    [Fact]
    public void Comments_are_collected_for_suppressions()
    {
        var file = Load("# top\n" + Valid + "  # inline\n");
        Assert.Contains(file.Comments, c => c.Text.Contains("top") && !c.IsInline && c.Span.Line == 1);
    }
}
