using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace DeployAdvisor.Engine.Configuration
{
    /// <summary>
    /// A .gitignore-like glob over '/'-separated relative paths: <c>*</c> and <c>?</c> stay within one
    /// path segment, <c>**</c> crosses segments, a pattern without '/' (other than a trailing one)
    /// matches at any depth, and a pattern that matches a folder matches everything under it.
    /// </summary>
    public sealed class PathPattern
    {
        private readonly Regex _regex;

        private PathPattern(string pattern, Regex regex) { Pattern = pattern; _regex = regex; }

        /// <summary>A glob matched against the whole relative path, as a shell would (no any-depth rule).</summary>
        public static PathPattern Anchored(string glob)
            => new PathPattern(glob, new Regex("^" + ToRegex(glob.Replace('\\', '/').TrimStart('/')) + "$", RegexOptions.CultureInvariant));

        public PathPattern(string pattern)
        {
            Pattern = pattern;
            var p = pattern.Replace('\\', '/').Trim();
            if (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
            p = p.TrimEnd('/');
            bool anchored = p.StartsWith("/", StringComparison.Ordinal) || p.Contains("/");
            p = p.TrimStart('/');
            _regex = new Regex("^" + (anchored ? "" : "(?:.*/)?") + ToRegex(p) + "(?:/.*)?$", RegexOptions.CultureInvariant);
        }

        public string Pattern { get; }

        public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

        public static bool HasWildcards(string text) => text.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        public static bool AnyMatch(IEnumerable<PathPattern> patterns, string relativePath)
        {
            foreach (var p in patterns) if (p.IsMatch(relativePath)) return true;
            return false;
        }

        private static string ToRegex(string glob)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < glob.Length; i++)
            {
                char c = glob[i];
                if (c == '*')
                {
                    if (i + 1 < glob.Length && glob[i + 1] == '*')
                    {
                        i++;
                        // "**/" matches zero or more whole segments; a trailing "**" anything.
                        if (i + 1 < glob.Length && glob[i + 1] == '/') { i++; sb.Append("(?:.*/)?"); }
                        else sb.Append(".*");
                    }
                    else sb.Append("[^/]*");
                }
                else if (c == '?') sb.Append("[^/]");
                else if (c == '[')
                {
                    int close = glob.IndexOf(']', i + 1);
                    if (close < 0) { sb.Append("\\["); continue; }
                    var set = glob.Substring(i + 1, close - i - 1);
                    if (set.StartsWith("!", StringComparison.Ordinal)) set = "^" + set.Substring(1);
                    sb.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                    i = close;
                }
                else sb.Append(Regex.Escape(c.ToString()));
            }
            return sb.ToString();
        }
    }
}
