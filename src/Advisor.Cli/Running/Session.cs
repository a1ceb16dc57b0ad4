using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DeployAdvisor.Cli.Output;
using DeployAdvisor.Engine.Configuration;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Rules;

namespace DeployAdvisor.Cli.Running
{
    /// <summary>
    /// What every command that evaluates needs: the configuration (given or found by walking up from
    /// the working directory), the rule set with user rules, and the policy and profile overrides the
    /// configuration asks for. An invalid config or rule file stops the run with exit code 2.
    /// </summary>
    public sealed class Session
    {
        private Session(string cwd, ConfigFile config, string? configDir, RuleSet rules, ConfigResolution resolution, string? docsBaseUrl)
        {
            WorkingDirectory = cwd; Config = config; ConfigDirectory = configDir; Rules = rules;
            Policy = resolution.Policy; Overrides = resolution.Overrides; DocsBaseUrl = docsBaseUrl;
            Ignores = IgnoresOf(config, configDir);
        }

        public string WorkingDirectory { get; }
        public ConfigFile Config { get; }
        /// <summary>The folder of the config file; ignore patterns and rule folders are relative to it.</summary>
        public string? ConfigDirectory { get; }
        public RuleSet Rules { get; }
        public RulePolicy Policy { get; }
        public ProfileOverrides Overrides { get; }
        public string? DocsBaseUrl { get; }
        /// <summary>The config's ignore: patterns; folder scans skip what they match.</summary>
        public IgnoreList Ignores { get; }

        private static IgnoreList IgnoresOf(ConfigFile config, string? configDir)
            => new IgnoreList(config.IgnorePatterns.Select(p => new PathPattern(p)).ToList(), configDir);

        /// <summary>
        /// Only the config's ignore: patterns (infer reads no rules): the .deployadvisor.yaml found by walking up
        /// from the working directory; an invalid config stops the run as it stops lint (exit 2).
        /// </summary>
        public static IgnoreList LoadIgnores(string cwd)
        {
            var path = Discover(cwd);
            if (path is null) return IgnoreList.None;
            var config = ReadConfig(path, cwd);
            return IgnoresOf(config, Path.GetDirectoryName(path));
        }

        private static ConfigFile ReadConfig(string configPath, string cwd)
        {
            string text;
            try { text = File.ReadAllText(configPath); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new UserError($"could not read the config file '{Paths.Display(configPath, cwd)}': {e.Message}");
            }
            var config = ConfigFile.Parse(Paths.Display(configPath, cwd), text);
            if (!config.IsValid) throw InvalidConfig(config.Findings);
            return config;
        }

        public Evaluator CreateEvaluator() => new Evaluator(Rules, Policy, Overrides);

        /// <summary>The engine's whole check with this session's rules, policy and profiles.</summary>
        public Engine.Checking.WorkloadChecker CreateChecker() => new Engine.Checking.WorkloadChecker(CreateEvaluator(), Policy);

        public static Session Load(string cwd, string? configOption, IReadOnlyList<string> ruleDirs, string? docsBaseUrl)
        {
            var config = ConfigFile.Empty;
            string? configDir = null;
            string? configPath = configOption != null ? Path.GetFullPath(configOption, cwd) : Discover(cwd);
            if (configOption != null && !File.Exists(configPath))
                throw new UserError($"the config file '{configOption}' does not exist; pass an existing file to --config, or omit it to use {ConfigFile.FileName} found by walking up from the working directory");
            if (configPath != null)
            {
                config = ReadConfig(configPath, cwd);
                configDir = Path.GetDirectoryName(configPath);
            }

            var sources = new List<RuleSource>();
            var folderErrors = new List<Finding>();
            for (int i = 0; i < config.RuleFolders.Count; i++)
            {
                var folder = Path.GetFullPath(config.RuleFolders[i], configDir!);
                if (!Directory.Exists(folder))
                {
                    folderErrors.Add(new Finding(RuleIds.InvalidConfiguration, Severity.Error,
                        $"configuration: the rule folder '{config.RuleFolders[i]}' does not exist (relative to {Paths.Display(configDir!, cwd)})",
                        location: config.LocationOfItem("ruleFolders", i)));
                    continue;
                }
                sources.AddRange(ReadRuleFolder(folder, cwd));
            }
            if (folderErrors.Count > 0) throw InvalidConfig(folderErrors);
            foreach (var dir in ruleDirs)
            {
                var folder = Path.GetFullPath(dir, cwd);
                if (!Directory.Exists(folder))
                    throw new UserError($"the rule folder '{dir}' given to --rules does not exist");
                sources.AddRange(ReadRuleFolder(folder, cwd));
            }

            var rules = RuleSet.BuiltIn;
            if (sources.Count > 0)
            {
                var load = RuleSet.BuiltIn.WithUserRules(sources);
                if (!load.IsValid)
                    throw new UserError("the rule files are invalid; fix them and run again", string.Join("\n", load.Findings.Select(TextFindings.OneLine)));
                rules = load.RuleSet;
            }
            var resolution = config.Resolve(rules);
            if (!resolution.IsValid) throw InvalidConfig(resolution.Findings);
            return new Session(cwd, config, configDir, rules, resolution, docsBaseUrl ?? config.DocsBaseUrl);
        }

        private static UserError InvalidConfig(IEnumerable<Finding> findings)
            => new UserError("the configuration is invalid; fix it and run again (`deploy-advisor schema config` prints its format)",
                string.Join("\n", Finding.Sort(findings).Select(TextFindings.OneLine)));

        /// <summary>The nearest .deployadvisor.yaml in the working directory or one of its parents.</summary>
        public static string? Discover(string cwd)
        {
            for (var dir = new DirectoryInfo(cwd); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ConfigFile.FileName);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        public static IReadOnlyList<RuleSource> ReadRuleFolder(string folder, string cwd)
        {
            var result = new List<RuleSource>();
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal);
            foreach (var f in files)
            {
                try { result.Add(new RuleSource(Paths.Display(f, cwd), File.ReadAllText(f))); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new UserError($"could not read the rule file '{Paths.Display(f, cwd)}': {e.Message}");
                }
            }
            return result;
        }
    }

    public static class Paths
    {
        /// <summary>A path relative to the working directory with '/' separators (absolute when outside it on another root).</summary>
        public static string Display(string fullPath, string cwd)
        {
            var rel = Path.GetRelativePath(cwd, fullPath);
            return rel.Replace('\\', '/');
        }

        public static string Slashes(string path) => path.Replace('\\', '/');
    }
}
