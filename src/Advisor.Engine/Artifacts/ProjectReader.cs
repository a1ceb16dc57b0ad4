using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using DeployAdvisor.Engine.Findings;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// .NET project files (<c>*.csproj</c>, SDK-style and old-style) with the nearest
    /// <c>Directory.Build.props</c> above them up to the scanned root, and what that file imports
    /// (a literal path, or the usual <c>GetPathOfFileAbove('Directory.Build.props', …)</c> chain).
    /// This is not MSBuild: only literal property values are read (a value with <c>$(</c>, <c>@(</c> or
    /// <c>%(</c> is skipped), conditions are NOT evaluated (a conditioned property counts as if its
    /// condition held; the last literal definition wins, in MSBuild's order: props first, then the
    /// project), and property names compare case-insensitively as MSBuild compares them. DTDs are
    /// refused and no external resource is resolved (no XXE, nothing fetched).
    /// </summary>
    internal static class ProjectReader
    {
        private const int MaxImports = 16;

        private sealed class Property
        {
            public Property(string value, string file, XElement element, SourceLines lines) { Value = value; File = file; Element = element; Lines = lines; }
            public string Value { get; }
            public string File { get; }
            public XElement Element { get; }
            public SourceLines Lines { get; }
        }

        private sealed class State
        {
            public Dictionary<string, Property> Properties { get; } = new Dictionary<string, Property>(StringComparer.OrdinalIgnoreCase);
            public List<(string Include, string File, XElement Element, SourceLines Lines, string Kind)> Items { get; } = new List<(string, string, XElement, SourceLines, string)>();
            public HashSet<string> Visited { get; } = new HashSet<string>(StringComparer.Ordinal);
            public List<string> Files { get; } = new List<string>();
        }

        public static RawWorkload? Read(string file, ArtifactScanner.FileTable files, ReadContext ctx)
        {
            var project = Load(file, files.Bytes(file), ctx);
            if (project is null) return null;
            var (doc, lines) = project.Value;
            var rawName = ArtifactPaths.WithoutExtension(ArtifactPaths.FileName(file));
            var root = doc.Root!;
            var source = new ArtifactSource(ArtifactKind.Project, "project " + ArtifactPaths.FileName(file), rawName, new Location(file, ElementSpan(root)));
            var w = new RawWorkload(source, file);
            var state = new State();

            // Directory.Build.props: the nearest one above, its own folder first, up to the scanned root.
            var props = FindAbove(ArtifactPaths.Directory(file), "Directory.Build.props", files);
            if (props != null) Apply(props, files, ctx, state, 0);
            state.Visited.Add(file);
            ApplyElement(root, file, lines, files, ctx, state, 0);
            foreach (var f in state.Files) w.AddFile(f);

            // interface: the SDK.
            foreach (var (sdk, attr, element, sdkLines, sdkFile) in Sdks(root, file, lines))
            {
                var name = sdk.Split('/')[0].Trim();
                var loc = new Location(sdkFile, attr != null ? AttributeSpan(attr) : ElementSpan(element));
                var text = attr != null ? $"{attr.Name.LocalName}=\"{attr.Value}\"" : sdkLines.Quote(ElementSpan(element));
                if (name.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))
                    w.Add(ArtifactFields.Interface, "web", loc, text, "the Web SDK");
                else if (name.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase))
                    w.Add(ArtifactFields.Interface, "headless", loc, text, "the Worker SDK");
            }
            foreach (var flag in new[] { "UseWPF", "UseWindowsForms", "UseMaui" })
                if (state.Properties.TryGetValue(flag, out var p) && p.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
                    AddProperty(w, ArtifactFields.Interface, "gui", p, flag == "UseMaui" ? "a MAUI app" : flag == "UseWPF" ? "a WPF app" : "a Windows Forms app");
            bool winExe = state.Properties.TryGetValue("OutputType", out var outputType) && outputType.Value.Trim().Equals("WinExe", StringComparison.OrdinalIgnoreCase);
            foreach (var item in state.Items)
            {
                var id = item.Include.Trim();
                var loc = new Location(item.File, ElementSpan(item.Element));
                var text = item.Lines.Quote(ElementSpan(item.Element));
                if (item.Kind == "PackageReference")
                {
                    if (id.Equals("Avalonia", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Avalonia.", StringComparison.OrdinalIgnoreCase))
                        w.Add(ArtifactFields.Interface, "gui", loc, text, "an Avalonia UI package");
                    else if (id.StartsWith("Microsoft.Maui.", StringComparison.OrdinalIgnoreCase))
                        w.Add(ArtifactFields.Interface, "gui", loc, text, "a .NET MAUI package");
                    if (IsGpuPackage(id))
                        w.Add(ArtifactFields.Devices, new[] { "gpu" }, loc, text, $"{id} is a GPU build");
                }
                else if (item.Kind == "Reference" && winExe && (id.StartsWith("PresentationFramework", StringComparison.OrdinalIgnoreCase) || id.StartsWith("System.Windows.Forms", StringComparison.OrdinalIgnoreCase)))
                    w.Add(ArtifactFields.Interface, "gui", loc, text, "an old-style WinExe project referencing WPF or Windows Forms");
            }

            // os and windows.image from the target frameworks.
            Property? tfm = state.Properties.TryGetValue("TargetFrameworks", out var tfms) ? tfms : state.Properties.TryGetValue("TargetFramework", out var single) ? single : null;
            if (tfm != null)
            {
                var list = tfm.Value.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).ToList();
                bool allFramework = list.Count > 0 && list.All(IsNetFramework);
                bool allWindows = list.Count > 0 && list.All(t => IsNetFramework(t) || t.Contains("-windows"));
                if (allWindows) AddProperty(w, ArtifactFields.Os, "windows", tfm, allFramework ? ".NET Framework runs on Windows only" : "a Windows target framework");
                if (allFramework) AddProperty(w, ArtifactFields.WindowsImage, "servercore", tfm, ".NET Framework needs Windows Server Core");
            }
            else if (state.Properties.TryGetValue("TargetFrameworkVersion", out var version) && version.Value.Trim().StartsWith("v4", StringComparison.OrdinalIgnoreCase))
            {
                AddProperty(w, ArtifactFields.Os, "windows", version, ".NET Framework runs on Windows only");
                AddProperty(w, ArtifactFields.WindowsImage, "servercore", version, ".NET Framework needs Windows Server Core");
            }
            return w;
        }

        internal static bool IsNetFramework(string tfm)
        {
            if (!tfm.StartsWith("net4", StringComparison.Ordinal)) return false;
            var rest = tfm.Substring(3);
            return rest.Length >= 2 && rest.Length <= 3 && rest.All(char.IsDigit);
        }

        internal static bool IsGpuPackage(string id)
            => id.StartsWith("Microsoft.ML.OnnxRuntime.Gpu", StringComparison.OrdinalIgnoreCase)
               || id.StartsWith("TorchSharp-cuda-", StringComparison.OrdinalIgnoreCase)
               || id.Equals("ILGPU.Runtime.Cuda", StringComparison.OrdinalIgnoreCase)
               || id.StartsWith("ManagedCuda", StringComparison.OrdinalIgnoreCase);

        private static void AddProperty(RawWorkload w, string field, object value, Property p, string reason)
            => w.Add(field, value, new Location(p.File, ElementSpan(p.Element)), p.Lines.Quote(ElementSpan(p.Element)), reason);

        private static IEnumerable<(string Sdk, XAttribute? Attr, XElement Element, SourceLines Lines, string File)> Sdks(XElement root, string file, SourceLines lines)
        {
            if (root.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals("Sdk", StringComparison.OrdinalIgnoreCase)) is XAttribute a)
                foreach (var s in a.Value.Split(';')) yield return (s, a, root, lines, file);
            foreach (var e in root.Elements())
            {
                var name = e.Name.LocalName;
                if (name.Equals("Sdk", StringComparison.OrdinalIgnoreCase) && Attr(e, "Name") is string n) yield return (n, null, e, lines, file);
                if (name.Equals("Import", StringComparison.OrdinalIgnoreCase) && e.Attributes().FirstOrDefault(x => x.Name.LocalName.Equals("Sdk", StringComparison.OrdinalIgnoreCase)) is XAttribute s2)
                    yield return (s2.Value, s2, e, lines, file);
            }
        }

        private static string? Attr(XElement e, string name)
            => e.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

        private static string? FindAbove(string directory, string fileName, ArtifactScanner.FileTable files)
        {
            while (true)
            {
                var candidate = directory.Length == 0 ? fileName : directory + "/" + fileName;
                if (files.Contains(candidate)) return candidate;
                if (directory.Length == 0) return null;
                directory = ArtifactPaths.Directory(directory);
            }
        }

        private static void Apply(string file, ArtifactScanner.FileTable files, ReadContext ctx, State state, int depth)
        {
            if (depth > MaxImports || !state.Visited.Add(file)) return;
            var loaded = Load(file, files.Bytes(file), ctx);
            if (loaded is null) return;
            state.Files.Add(file);
            ApplyElement(loaded.Value.Doc.Root!, file, loaded.Value.Lines, files, ctx, state, depth);
        }

        /// <summary>Properties, items and imports in document order (conditions not evaluated).</summary>
        private static void ApplyElement(XElement root, string file, SourceLines lines, ArtifactScanner.FileTable files, ReadContext ctx, State state, int depth)
        {
            foreach (var e in root.Elements())
            {
                var name = e.Name.LocalName;
                if (name.Equals("PropertyGroup", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var p in e.Elements())
                    {
                        if (p.HasElements) continue;
                        var value = p.Value;
                        if (value.Contains("$(") || value.Contains("@(") || value.Contains("%(")) continue;
                        state.Properties[p.Name.LocalName] = new Property(value, file, p, lines);
                    }
                }
                else if (name.Equals("ItemGroup", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var item in e.Elements())
                    {
                        var kind = item.Name.LocalName;
                        if (!(kind.Equals("PackageReference", StringComparison.OrdinalIgnoreCase) || kind.Equals("Reference", StringComparison.OrdinalIgnoreCase))) continue;
                        if (Attr(item, "Include") is string include && !include.Contains("$("))
                            foreach (var id in include.Split(';'))
                                state.Items.Add((id.Split(',')[0], file, item, lines, kind.Equals("Reference", StringComparison.OrdinalIgnoreCase) ? "Reference" : "PackageReference"));
                    }
                }
                else if (name.Equals("Import", StringComparison.OrdinalIgnoreCase) && Attr(e, "Project") is string target)
                {
                    var dir = ArtifactPaths.Directory(file);
                    string? path = null;
                    if (target.IndexOf("GetPathOfFileAbove", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        int q = target.IndexOf('\'');
                        int q2 = q >= 0 ? target.IndexOf('\'', q + 1) : -1;
                        var sought = q2 > q ? target.Substring(q + 1, q2 - q - 1) : "Directory.Build.props";
                        if (dir.Length > 0) path = FindAbove(ArtifactPaths.Directory(dir), sought, files);
                    }
                    else
                    {
                        // $(MSBuildThisFileDirectory) is the importing file's folder; any other property is not literal.
                        var literal = target.Replace("$(MSBuildThisFileDirectory)", "");
                        if (!literal.Contains("$(") && !literal.Contains("*")) path = ArtifactPaths.Combine(dir, literal);
                        if (path != null && !files.Contains(path)) path = null;
                    }
                    if (path != null) Apply(path, files, ctx, state, depth + 1);
                }
            }
        }

        private sealed class Loaded
        {
            public Loaded((XDocument Doc, SourceLines Lines)? value) { Value = value; }
            public (XDocument Doc, SourceLines Lines)? Value { get; }
        }

        private static (XDocument Doc, SourceLines Lines)? Load(string file, byte[] bytes, ReadContext ctx)
        {
            if (ctx.Cache.TryGetValue(file, out var cached) && cached is Loaded loaded) return loaded.Value;
            var value = LoadOnce(file, bytes, ctx);
            ctx.Cache[file] = new Loaded(value);
            return value;
        }

        private static (XDocument Doc, SourceLines Lines)? LoadOnce(string file, byte[] bytes, ReadContext ctx)
        {
            if (bytes.LongLength > ctx.Limits.MaxFileBytes)
            {
                ctx.Finding(RuleIds.LimitExceeded, file, SourceSpan.FileStart, $"the file is {bytes.LongLength} bytes; the limit is {ctx.Limits.MaxFileBytes} bytes");
                return null;
            }
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,   // no DTD, so no entity expansion and no external entities (XXE)
                XmlResolver = null,
                MaxCharactersFromEntities = 1024,
                IgnoreComments = true,
            };
            try
            {
                // First pass: the nesting limit, without building anything.
                using (var reader = XmlReader.Create(new MemoryStream(bytes), settings))
                {
                    while (reader.Read())
                    {
                        if (reader.Depth > ctx.Limits.MaxDepth)
                        {
                            var li = (IXmlLineInfo)reader;
                            ctx.Finding(RuleIds.LimitExceeded, file, SourceSpan.At(Math.Max(1, li.LineNumber), Math.Max(1, li.LinePosition)), $"nesting is deeper than the limit of {ctx.Limits.MaxDepth} levels");
                            return null;
                        }
                    }
                }
                XDocument doc;
                using (var reader = XmlReader.Create(new MemoryStream(bytes), settings))
                    doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
                if (doc.Root is null || !doc.Root.Name.LocalName.Equals("Project", StringComparison.Ordinal))
                {
                    ctx.Finding(RuleIds.YamlSyntax, file, SourceSpan.FileStart, "not an MSBuild project file: its root element is not <Project>");
                    return null;
                }
                var text = Text.Decode(bytes) ?? "";
                return (doc, new SourceLines(text));
            }
            catch (XmlException e)
            {
                var at = SourceSpan.At(Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition));
                var message = e.Message.IndexOf("DTD", StringComparison.OrdinalIgnoreCase) >= 0
                    ? "the project file declares a DTD, which is refused (no entities are expanded or fetched)"
                    : "the project file is not well-formed XML: " + e.Message;
                ctx.Finding(RuleIds.YamlSyntax, file, at, message);
                return null;
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is ArgumentException)
            {
                ctx.Finding(RuleIds.YamlSyntax, file, SourceSpan.FileStart, "the project file cannot be read: " + e.Message);
                return null;
            }
        }

        /// <summary>The element's start tag position ('&lt;' included) to the end of its first line.</summary>
        private static SourceSpan ElementSpan(XElement e)
        {
            var li = (IXmlLineInfo)e;
            if (!li.HasLineInfo()) return SourceSpan.FileStart;
            return SourceSpan.At(li.LineNumber, Math.Max(1, li.LinePosition - 1));
        }

        private static SourceSpan AttributeSpan(XAttribute a)
        {
            var li = (IXmlLineInfo)a;
            if (!li.HasLineInfo()) return SourceSpan.FileStart;
            int length = a.Name.LocalName.Length + a.Value.Length + 3;
            return new SourceSpan(li.LineNumber, li.LinePosition, li.LineNumber, li.LinePosition + length);
        }
    }
}
