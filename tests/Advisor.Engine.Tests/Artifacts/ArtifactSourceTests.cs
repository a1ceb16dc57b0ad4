using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeployAdvisor.Engine.Artifacts;
using DeployAdvisor.Engine.Checking;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Engine.Tests.Artifacts;

/// <summary>
/// spec.artifacts resolved by the engine against a front end's files (<see cref="IArtifactFileSource"/>),
/// and the run's cache that lets descriptors naming the same files share one read and scan.
/// </summary>
public class ArtifactSourceTests
{
    /// <summary>Files in memory, counting reads; thread-safe as the interface asks.</summary>
    private sealed class MemoryFiles : IArtifactFileSource
    {
        private readonly Dictionary<string, string> _files;
        private int _reads;
        public MemoryFiles(params (string Path, string Text)[] files) { _files = files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal); }
        public int Reads => Volatile.Read(ref _reads);
        public string? NotFoundHint { get; init; }
        private int _isFile, _listings;
        public int IsFileCalls => Volatile.Read(ref _isFile);
        public int Listings => Volatile.Read(ref _listings);
        public bool IsFile(string path) { Interlocked.Increment(ref _isFile); return _files.ContainsKey(path); }
        public IEnumerable<string> FilesUnder(string folder)
        {
            Interlocked.Increment(ref _listings);
            return _files.Keys.Where(k => k.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal));
        }
        public ArtifactFile? Read(string path)
        {
            Interlocked.Increment(ref _reads);
            return _files.TryGetValue(path, out var t) ? new ArtifactFile(path.TrimStart('/'), Encoding.UTF8.GetBytes(t)) : null;
        }
    }

    private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: NAME\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x\n          securityContext:\n            privileged: true\n";

    private static string Descriptor(string name, params string[] artifacts)
        => $"apiVersion: deployadvisor/v1\nkind: Workload\nmetadata:\n  name: {name}\nspec:\n  interface: web\n  security:\n    sensitivity: public\n  artifacts:\n"
           + string.Concat(artifacts.Select(a => $"    - \"{a}\"\n"));

    private static CheckedFile Check(string path, string yaml, IArtifactFileSource files, ArtifactRunCache? cache = null)
    {
        var loaded = DescriptorLoader.LoadText(path, yaml);
        var folder = path.Substring(0, path.LastIndexOf('/'));
        return new WorkloadChecker(RuleSet.BuiltIn).Check(loaded, false, ArtifactLookup.Over(files, folder, Encoding.UTF8.GetBytes(yaml), cache));
    }

    [Theory]
    [InlineData("/repo/svc", "../k8s/a.yaml", "/repo/k8s/a.yaml")]
    [InlineData("/repo/svc", "./a/./b/../c", "/repo/svc/a/c")]
    [InlineData("/repo/svc", "/etc/x", "/etc/x")]
    [InlineData("/repo", "../../../x", "/x")]
    [InlineData("C:\\repo\\svc", "..\\k8s\\a.yaml", "C:/repo/k8s/a.yaml")]
    [InlineData("/repo/svc", "C:/abs", "C:/abs")]
    [InlineData("/repo/svc/", "a//b/.", "/repo/svc/a/b")]
    [InlineData("/repo/.hidden", "..x/..", "/repo/.hidden")]
    [InlineData("/", "a", "/a")]
    public void Entries_resolve_against_the_descriptors_folder_without_a_file_system(string folder, string entry, string expected)
        => Assert.Equal(expected, ArtifactMatching.Resolve(folder, entry));

    [Fact]
    public void A_glob_matches_below_its_literal_prefix_in_ordinal_order()
    {
        var files = new MemoryFiles(("/repo/k8s/b.yaml", ""), ("/repo/k8s/a.yaml", ""), ("/repo/k8s/sub/c.yaml", ""), ("/repo/k8s2/d.yaml", ""), ("/repo/svc/e.yaml", ""));
        Assert.Equal(new[] { "/repo/k8s/a.yaml", "/repo/k8s/b.yaml" }, ArtifactMatching.Match(files, "/repo/svc", "../k8s/*.yaml"));
        Assert.Equal(new[] { "/repo/k8s/a.yaml", "/repo/k8s/b.yaml", "/repo/k8s/sub/c.yaml" }, ArtifactMatching.Match(files, "/repo/svc", "../k8s/**/*.yaml"));
        Assert.Equal(new[] { "/repo/svc/e.yaml" }, ArtifactMatching.Match(files, "/repo/svc", "*.yaml"));
        Assert.Empty(ArtifactMatching.Match(files, "/repo/svc", "missing/*.yaml"));
        Assert.Empty(ArtifactMatching.Match(files, "/repo/svc", "  "));
    }

    [Fact]
    public void Findings_name_the_files_as_the_source_reads_them_and_DA7000_carries_its_hint()
    {
        var files = new MemoryFiles(("/repo/k8s/web.yaml", Deployment.Replace("NAME", "web"))) { NotFoundHint = "only additional files are seen" };
        var found = Check("/repo/svc/web.workload.yaml", Descriptor("web", "../k8s/web.yaml", "../k8s/*.Dockerfile"), files).AllFindings.ToList();
        var privilege = Assert.Single(found, f => f.RuleId == "DA7002");
        Assert.Equal("repo/k8s/web.yaml", privilege.Location!.File);
        Assert.Equal(12, privilege.Location.Span.Line);
        var missing = Assert.Single(found, f => f.RuleId == "DA7000");
        Assert.EndsWith("relative to the descriptor's folder; only additional files are seen", missing.Message);
        Assert.Equal(11, missing.Location!.Span.Line);   // the second entry
    }

    [Fact]
    public void Descriptors_that_name_the_same_files_share_one_read_and_scan_in_a_run()
    {
        var files = new MemoryFiles(("/repo/k8s/web.yaml", Deployment.Replace("NAME", "web")), ("/repo/k8s/api.yaml", Deployment.Replace("NAME", "api")));
        var cache = new ArtifactRunCache();
        var web = Check("/repo/a/web.workload.yaml", Descriptor("web", "../k8s/*.yaml"), files, cache);
        var api = Check("/repo/b/api.workload.yaml", Descriptor("api", "../k8s/*.yaml"), files, cache);
        Assert.Equal(1, cache.Scans);
        Assert.Equal(2, files.Reads);
        // Each descriptor still gets the facts of its own workload, under its own name.
        Assert.Equal("web", Assert.Single(web.AllFindings, f => f.RuleId == "DA7002").Workload);
        Assert.Equal("repo/k8s/api.yaml", Assert.Single(api.AllFindings, f => f.RuleId == "DA7002").Location!.File);
        // Without the cache, the same two checks read every file twice.
        var uncached = new MemoryFiles(("/repo/k8s/web.yaml", Deployment.Replace("NAME", "web")), ("/repo/k8s/api.yaml", Deployment.Replace("NAME", "api")));
        Check("/repo/a/web.workload.yaml", Descriptor("web", "../k8s/*.yaml"), uncached);
        Check("/repo/b/api.workload.yaml", Descriptor("api", "../k8s/*.yaml"), uncached);
        Assert.Equal(4, uncached.Reads);
    }

    [Fact]
    public void Path_entries_are_asked_for_by_each_descriptor_and_their_scan_is_still_shared()
    {
        var files = new MemoryFiles(("/repo/k8s/web.yaml", Deployment.Replace("NAME", "web")), ("/repo/k8s/api.yaml", Deployment.Replace("NAME", "api")));
        var cache = new ArtifactRunCache();
        // Two descriptors of one folder, the same path entry and the same glob.
        var first = Check("/repo/svc/web.workload.yaml", Descriptor("web", "../k8s/web.yaml", "../k8s/missing.yaml", "../k8s/*.yaml"), files, cache);
        var isFile = files.IsFileCalls;
        var listings = files.Listings;
        var second = Check("/repo/svc/web2.workload.yaml", Descriptor("web", "../k8s/web.yaml", "../k8s/missing.yaml", "../k8s/*.yaml"), files, cache);
        Assert.Equal(2 * isFile, files.IsFileCalls);      // each descriptor asks for its paths
        Assert.Equal(listings, files.Listings);           // the glob's listing is the run's
        Assert.Equal(1, cache.Scans);                     // and one scan serves both
        Assert.Equal(2, files.Reads);
        // The findings do not depend on which descriptor came first.
        static IEnumerable<(string, string, string?, int?)> Said(CheckedFile c, string descriptor)
            => c.AllFindings.Select(f => (f.RuleId, f.Message, f.Location?.File == descriptor ? "(descriptor)" : f.Location?.File, f.Location?.Span.Line));
        Assert.Equal(Said(first, "/repo/svc/web.workload.yaml"), Said(second, "/repo/svc/web2.workload.yaml"));
        Assert.Single(second.AllFindings, f => f.RuleId == "DA7000");
    }

    [Fact]
    public void The_cache_is_shared_safely_by_parallel_checks_and_scans_each_file_set_once()
    {
        var files = new MemoryFiles(("/repo/k8s/web.yaml", Deployment.Replace("NAME", "web")));
        var cache = new ArtifactRunCache();
        var results = new CheckedFile[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = Check($"/repo/d{i}/web.workload.yaml", Descriptor("web", "../k8s/web.yaml"), files, cache));
        Assert.Equal(1, cache.Scans);
        Assert.Equal(1, files.Reads);
        Assert.All(results, r => Assert.Single(r.AllFindings, f => f.RuleId == "DA7002"));
    }

    [Fact]
    public void The_cache_is_bounded_and_a_dropped_file_set_is_scanned_again()
    {
        var files = new MemoryFiles(Enumerable.Range(0, 5).Select(i => ($"/repo/k8s/w{i}.yaml", Deployment.Replace("NAME", "w" + i))).ToArray());
        var cache = new ArtifactRunCache(capacity: 2);
        for (int i = 0; i < 5; i++) Check($"/repo/svc/w{i}.workload.yaml", Descriptor("w" + i, $"../k8s/w{i}.yaml"), files, cache);
        Assert.Equal(5, cache.Scans);
        Check("/repo/svc/w4.workload.yaml", Descriptor("w4", "../k8s/w4.yaml"), files, cache);   // kept: the most recent
        Assert.Equal(5, cache.Scans);
        Check("/repo/svc/w0.workload.yaml", Descriptor("w0", "../k8s/w0.yaml"), files, cache);   // dropped long ago
        Assert.Equal(6, cache.Scans);
    }

    [Fact]
    public void A_file_set_asked_for_again_is_kept_longer_than_one_asked_for_once()
    {
        var files = new MemoryFiles(Enumerable.Range(0, 8).Select(i => ($"/repo/k8s/w{i}.yaml", Deployment.Replace("NAME", "w" + i))).ToArray());
        var cache = new ArtifactRunCache(capacity: 4, recent: 2);
        void Ask(int i) => Check($"/repo/svc/w{i}.workload.yaml", Descriptor("w" + i, $"../k8s/w{i}.yaml"), files, cache);
        Ask(0);
        Ask(0);                          // asked for again while recent: kept
        for (int i = 1; i < 6; i++) Ask(i);
        Assert.Equal(6, cache.Scans);
        Ask(0);                          // still kept, though five others came after it
        Assert.Equal(6, cache.Scans);
        Ask(1);                          // asked for once, and more than two others since: dropped
        Assert.Equal(7, cache.Scans);
    }
}
