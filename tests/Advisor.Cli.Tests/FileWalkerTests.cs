using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Running;
using DeployAdvisor.Engine.Configuration;
using DeployAdvisor.Tests.Shared;

namespace DeployAdvisor.Cli.Tests;

/// <summary>
/// The folder walk lists folders ahead on a helper thread when there are cores for it: what it finds, in which
/// order, and what it reports must be what the walk finds alone, on a tree with links (a loop, a link met
/// before its target, a link out of the tree, a broken one), odd names, skipped and ignored folders, a depth
/// beyond the bound and enough folders for the helper to get ahead.
/// </summary>
public class FileWalkerTests
{
    private static TempDir OddTree()
    {
        var dir = new TempDir();
        for (int g = 0; g < 12; g++)
            for (int s = 0; s < 12; s++)
            {
                dir.Write($"services/g{g}/s{s}/deploy/app.yaml", "kind: Deployment\n");
                dir.Write($"services/g{g}/s{s}/Dockerfile", "FROM scratch\n");
            }
        dir.Write("deploy/a.yaml", "");
        dir.Write("deploy/x/d.yaml", "");
        dir.Write("deploy/x-y/c.yaml", "");      // '-' sorts before '/': the order is the paths', not the walk's
        dir.Write("deploy/we ird/é.yml", "");
        dir.Write("deploy/notes.txt", "");
        dir.Write(".git/hidden.yaml", "");
        dir.Write("node_modules/m/skip.yaml", "");
        dir.Write("bin/skip.yaml", "");
        dir.Write("obj/skip.yaml", "");
        dir.Write("ignored/i.yaml", "");
        var deep = string.Join("/", Enumerable.Repeat("d", 260));
        dir.Write(deep + "/too-deep.yaml", "");
        dir.Write(string.Join("/", Enumerable.Repeat("d", 100)) + "/deep-enough.yaml", "");
        using var outside = new TempDir();
        if (!OperatingSystem.IsWindows())
        {
            dir.Write("deploy/back\\slash.yaml", "");
            // Met before its target in name order: the walk goes in through the link, and deploy/ itself is then known.
            Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a-link"), Path.Combine(dir.Path, "deploy"));
            Directory.CreateSymbolicLink(Path.Combine(dir.Path, "services", "g3", "loop"), dir.Path);
            Directory.CreateSymbolicLink(Path.Combine(dir.Path, "z-link"), Path.Combine(dir.Path, "services", "g5"));
            File.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "broken.yaml"), Path.Combine(dir.Path, "gone.yaml"));
        }
        return dir;
    }

    private static (List<(string Full, string Display)> Files, List<(string Path, string Reason)> Unreadable) Walk(string root, string cwd, bool parallel)
    {
        var unreadable = new List<(string Path, string Reason)>();
        var ignores = new IgnoreList(new[] { new PathPattern("ignored/") }, cwd);
        var files = FileWalker.Files(root, cwd, ignores, n => n.EndsWith(".yaml", StringComparison.Ordinal) || n.EndsWith(".yml", StringComparison.Ordinal) || n == "Dockerfile",
            null, unreadable, parallel);
        return (files, unreadable);
    }

    [Fact]
    public void Listing_ahead_finds_what_the_walk_alone_finds_in_the_same_order()
    {
        using var dir = OddTree();
        var alone = Walk(dir.Path, dir.Path, parallel: false);
        // Many runs: the helper's place against the walk's differs from run to run.
        for (int i = 0; i < 20; i++)
        {
            var ahead = Walk(dir.Path, dir.Path, parallel: true);
            Assert.Equal(alone.Files, ahead.Files);
            Assert.Equal(alone.Unreadable, ahead.Unreadable);
        }
        var shown = alone.Files.Select(f => f.Display).ToList();
        Assert.Equal(shown.OrderBy(s => s, StringComparer.Ordinal), shown);
        // deploy/ is reached through a-link first where links can be made.
        var deploy = OperatingSystem.IsWindows() ? "deploy" : "a-link";
        Assert.True(shown.IndexOf(deploy + "/x-y/c.yaml") < shown.IndexOf(deploy + "/x/d.yaml"));
        Assert.True(shown.IndexOf(deploy + "/x-y/c.yaml") >= 0);
        Assert.Contains("services/g0/s0/deploy/app.yaml", shown);
        Assert.Contains(string.Join("/", Enumerable.Repeat("d", 100)) + "/deep-enough.yaml", shown);
        Assert.DoesNotContain(shown, s => s.Contains("skip") || s.Contains("hidden") || s.StartsWith("ignored/") || s.EndsWith("too-deep.yaml"));
        Assert.All(alone.Files, f => Assert.Equal(Paths.Display(f.Full, dir.Path), f.Display));
        if (!OperatingSystem.IsWindows())
        {
            // First visit wins: deploy/ through a-link, services/g5 through services (not z-link), the loop not at all.
            Assert.Contains("a-link/a.yaml", shown);
            Assert.Contains("a-link/back/slash.yaml", shown);
            Assert.Contains("a-link/broken.yaml", shown);
            Assert.DoesNotContain(shown, s => s.StartsWith("deploy/") || s.StartsWith("z-link/") || s.Contains("/loop/"));
            Assert.Equal(12 * 12 * 2, shown.Count(s => s.StartsWith("services/")));
        }
    }

    [Fact]
    public void A_walk_from_a_folder_below_the_working_one_or_beside_it_shows_the_same_paths_either_way()
    {
        using var dir = OddTree();
        foreach (var (root, cwd) in new[] { (Path.Combine(dir.Path, "services") + Path.DirectorySeparatorChar, dir.Path), (dir.Path, Path.Combine(dir.Path, "deploy")) })
        {
            var alone = Walk(root, cwd, parallel: false);
            var ahead = Walk(root, cwd, parallel: true);
            Assert.Equal(alone.Files, ahead.Files);
            Assert.All(alone.Files, f => Assert.Equal(Paths.Display(f.Full, cwd), f.Display));
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_listed_is_reported_in_walk_order_either_way()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;   // chmod 000 does not stop root
        using var dir = OddTree();
        var locked = new[] { "services/g2/s7", "services/g9", "deploy/x" }.Select(p => Path.Combine(dir.Path, p)).ToList();
        try
        {
            foreach (var l in locked) File.SetUnixFileMode(l, UnixFileMode.None);
            var alone = Walk(dir.Path, dir.Path, parallel: false);
            Assert.Equal(new[] { "a-link/x", "services/g2/s7", "services/g9" }, alone.Unreadable.Select(u => u.Path));
            for (int i = 0; i < 10; i++)
            {
                var ahead = Walk(dir.Path, dir.Path, parallel: true);
                Assert.Equal(alone.Files, ahead.Files);
                Assert.Equal(alone.Unreadable, ahead.Unreadable);
            }
        }
        finally
        {
            foreach (var l in locked) File.SetUnixFileMode(l, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
