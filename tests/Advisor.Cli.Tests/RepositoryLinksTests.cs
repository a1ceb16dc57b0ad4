using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// A clone stands alone: every relative link and image in README.md and docs/ resolves to a file or
/// folder inside the repository (and an anchor into a Markdown page names one of its headings), and
/// no file of the project reaches for a folder beside the repository.
/// </summary>
public class RepositoryLinksTests
{
    private static readonly Regex InlineLink = new(@"!?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?<target><[^>]+>|[^)\s]+)(?:\s+""[^""]*"")?\)", RegexOptions.CultureInvariant);
    private static readonly Regex ReferenceDefinition = new(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex HtmlLink = new(@"<(?:a|img)\s[^>]*?(?:href|src)=""(?<target>[^""]+)""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static IEnumerable<object[]> Pages()
    {
        yield return new object[] { "README.md" };
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            yield return new object[] { Path.GetRelativePath(Repo.Root, f).Replace('\\', '/') };
    }

    /// <summary>The page's text without fenced code blocks and inline code, where brackets are not links.</summary>
    internal static string Prose(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>();
        string? fence = null;
        foreach (var line in lines)
        {
            var t = line.TrimStart();
            if (fence == null && (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal))) { fence = t.Substring(0, 3); kept.Add(""); continue; }
            if (fence != null) { if (t.StartsWith(fence, StringComparison.Ordinal)) fence = null; kept.Add(""); continue; }
            kept.Add(Regex.Replace(line, "`[^`]*`", "``"));
        }
        return string.Join("\n", kept);
    }

    internal static IEnumerable<string> Links(string markdown)
    {
        var prose = Prose(markdown);
        foreach (Match m in InlineLink.Matches(prose)) yield return m.Groups["target"].Value.Trim('<', '>');
        foreach (Match m in ReferenceDefinition.Matches(prose)) yield return m.Groups["target"].Value.Trim('<', '>');
        foreach (Match m in HtmlLink.Matches(prose)) yield return m.Groups["target"].Value;
    }

    /// <summary>GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, -1, -2 … for repeats.</summary>
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Prose(markdown).Split('\n'))
        {
            var m = Regex.Match(line, @"^\s{0,3}#{1,6}\s+(?<title>.+?)\s*#*\s*$");
            if (!m.Success) continue;
            var raw = Regex.Replace(m.Groups["title"].Value, @"\[([^\]]*)\]\([^)]*\)", "$1");
            var slug = new string(raw.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c == ' ' || c == '-' || c == '_').ToArray()).Replace(' ', '-');
            counts.TryGetValue(slug, out var n);
            anchors.Add(n == 0 ? slug : slug + "-" + n);
            counts[slug] = n + 1;
        }
        // Inline code in headings was blanked by Prose: read the real titles again for those.
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var m = Regex.Match(line, @"^#{1,6}\s+(?<title>.*`.+?)\s*$");
            if (!m.Success) continue;
            var slug = new string(m.Groups["title"].Value.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c == ' ' || c == '-' || c == '_').ToArray()).Replace(' ', '-');
            anchors.Add(slug);
        }
        return anchors;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves_inside_the_repository(string page)
    {
        var broken = BrokenLinks(Path.Combine(Repo.Root, page), Repo.Root);
        Assert.True(broken.Count == 0, $"{page}: broken links:\n  " + string.Join("\n  ", broken));
    }

    internal static List<string> BrokenLinks(string path, string repositoryRoot)
    {
        var text = File.ReadAllText(path);
        var root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var broken = new List<string>();
        foreach (var link in Links(text))
        {
            if (Regex.IsMatch(link, "^[a-zA-Z][a-zA-Z0-9+.-]*:")) continue;   // https:, mailto: … are not repository paths
            var hash = link.IndexOf('#');
            var file = hash < 0 ? link : link.Substring(0, hash);
            var anchor = hash < 0 ? null : Uri.UnescapeDataString(link.Substring(hash + 1));
            var target = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (!(target.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
            {
                broken.Add(link + " (leaves the repository)");
                continue;
            }
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add(link + " (no such file)");
                continue;
            }
            if (anchor != null && anchor.Length > 0 && target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(File.ReadAllText(target)).Contains(anchor))
                broken.Add(link + " (no heading with that anchor)");
        }
        return broken;
    }

    [Fact]
    public void The_link_reader_sees_links_and_images_and_ignores_code()
    {
        var md = "See [a](docs/a.md#x) and ![img](img/p.png \"t\").\n\n```\n[not](a/link.md)\n```\n`[nor](this.md)`\n[ref]: ../up.md\n<img src=\"x.svg\">\n";
        Assert.Equal(new[] { "docs/a.md#x", "img/p.png", "../up.md", "x.svg" }, Links(md).ToArray());
        Assert.Contains("configuration-deployadvisoryaml", Anchors("## Configuration: `.deployadvisor.yaml`\n"));
        Assert.Contains("limits-and-guarantees", Anchors("## Limits and guarantees\n"));
    }

    [Fact]
    public void Broken_links_are_reported()
    {
        using var dir = new TempDir();
        dir.Write("repo/docs/b.md", "# B\n\n## Real heading\n");
        var page = dir.Write("repo/docs/a.md", "[out](../../outside.md) [gone](missing.md) [anchor](b.md#no-such) [ok](b.md#real-heading) [self](#a) [web](https://example.com/x)\n\n# A\n");
        dir.Write("outside.md", "# outside\n");
        var broken = BrokenLinks(page, Path.Combine(dir.Path, "repo"));
        Assert.Equal(new[] { "../../outside.md (leaves the repository)", "missing.md (no such file)", "b.md#no-such (no heading with that anchor)" }, broken.ToArray());
    }

    private static readonly string SharedFolder = ".." + "/shared";
    // The sibling folder written as a path, or put together from parts (the two strings "..", then its name).
    private static readonly Regex SharedFolderPattern = new(@"\.\.[/\\]+" + "shared" + @"\b|""\.\.""\s*,\s*""" + "shared" + @"""", RegexOptions.CultureInvariant);

    [Fact]
    public void No_file_of_the_project_reads_a_folder_beside_the_repository()
    {
        var skip = new[] { ".git", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts", ".test-tools" };
        var offenders = new List<string>();
        var stack = new Stack<string>();
        stack.Push(Repo.Root);
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            foreach (var sub in Directory.GetDirectories(dir))
                if (!skip.Contains(Path.GetFileName(sub))) stack.Push(sub);
            foreach (var file in Directory.GetFiles(dir))
            {
                if (new FileInfo(file).Length > 4_000_000) continue;
                var bytes = File.ReadAllBytes(file);
                if (Array.IndexOf(bytes, (byte)0) >= 0) continue;   // binary
                if (SharedFolderPattern.IsMatch(System.Text.Encoding.UTF8.GetString(bytes)))
                    offenders.Add(Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'));
            }
        }
        Assert.True(offenders.Count == 0, "these files refer to " + SharedFolder + ", which a user's clone does not have: " + string.Join(", ", offenders));
    }
}
