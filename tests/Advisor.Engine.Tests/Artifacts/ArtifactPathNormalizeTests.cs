using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using DeployAdvisor.Engine.Artifacts;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    /// <summary>ArtifactMatching.Normalize builds its result in one buffer; held here to the split-and-join it replaced.</summary>
    public class ArtifactPathNormalizeTests
    {
        private static readonly string[] Pieces = { "", "/", "//", "\\", ".", "..", "...", "a", "bc", "C:", "x:", ".a", "..b", "d.", "/./", "/../", "tmp", "repo" };

        private static readonly Gen<string> Paths = Gen.Int[0, Pieces.Length - 1].Array[0, 12].Select(picks => string.Concat(picks.Select(p => Pieces[p])));

        [Fact]
        [Trait("Category", "Fuzz")]
        public void Normalizes_as_the_split_and_join_it_replaced()
            => Paths.Sample(path => Assert.Equal(Reference(path), ArtifactMatching.Normalize(path)), iter: FuzzTests.Iterations(20_000));

        [Theory]
        [InlineData("/work/a/with-artifacts/catalog/../../repo/services/x/Dockerfile", "/work/a/repo/services/x/Dockerfile")]
        [InlineData("/a/../../b/./c//d/", "/b/c/d")]
        [InlineData("//server/share/../x", "//server/x")]
        [InlineData("C:\\a\\..\\b", "C:/b")]
        [InlineData("relative/../x", "x")]
        public void Examples(string path, string normal) => Assert.Equal(normal, ArtifactMatching.Normalize(path));

        /// <summary>Its buffer is the thread's, kept between calls: a path longer than it grows it, and a shorter one after is still whole.</summary>
        [Fact]
        public void A_path_longer_than_the_kept_buffer_and_a_short_one_after_it()
        {
            var segment = new string('s', 300);
            Assert.Equal("/a/" + segment + "/b", ArtifactMatching.Normalize("/a/./" + segment + "/x/../b"));
            Assert.Equal("/" + segment + "/" + segment, ArtifactMatching.Normalize("/" + segment + "//" + segment + "/."));
            Assert.Equal("/c", ArtifactMatching.Normalize("/a/../c/"));
        }

        /// <summary>Normalize as it was at commit adeeae0 (a list of segments, joined), for paths that are not already normal.</summary>
        private static string Reference(string fullPath)
        {
            var slashed = fullPath.Replace('\\', '/');
            var root = "";
            if (slashed.StartsWith("//", StringComparison.Ordinal)) root = "//";
            else if (slashed.StartsWith("/", StringComparison.Ordinal)) root = "/";
            else if (slashed.Length >= 2 && slashed[1] == ':') root = slashed.Substring(0, 2) + "/";
            var segments = new List<string>();
            foreach (var s in slashed.Substring(Math.Min(root.Length, slashed.Length)).Split('/'))
            {
                if (s.Length == 0 || s == ".") continue;
                if (s == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); continue; }
                segments.Add(s);
            }
            return root + string.Join("/", segments);
        }
    }
}
