using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Artifacts;
using F = DeployAdvisor.Engine.Artifacts.ArtifactFields;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    public class ProjectReaderTests
    {
        private static WorkloadFacts One(string xml, string path = "src/Shop.Api/Shop.Api.csproj") => Scan.Files((path, xml)).Only();

        [Fact]
        public void Web_sdk_is_web_and_named_after_the_project()
        {
            var w = One("<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");
            Assert.Equal("shop-api", w.Name);
            Assert.Equal("web", w.Value(F.Interface));
            var e = w.Fact(F.Interface).Evidence.Single();
            Assert.Equal("Sdk=\"Microsoft.NET.Sdk.Web\"", e.Text);
            Assert.Equal((1, 10), (e.Location.Span.Line, e.Location.Span.Column));
            Assert.Null(w.Value(F.Os));
        }

        [Fact]
        public void Worker_sdk_is_headless_and_plain_sdk_says_nothing()
        {
            Assert.Equal("headless", One("<Project Sdk=\"Microsoft.NET.Sdk.Worker\"/>").Value(F.Interface));
            Assert.Empty(One("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>").Fields);
            Assert.Equal("web", One("<Project>\n  <Sdk Name=\"Microsoft.NET.Sdk.Web\" />\n</Project>").Value(F.Interface));
            Assert.Equal("web", One("<Project>\n  <Import Project=\"Sdk.props\" Sdk=\"Microsoft.NET.Sdk.Web\" />\n</Project>").Value(F.Interface));
        }

        [Fact]
        public void Wpf_is_gui_and_windows_case_insensitively()
        {
            var w = One("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>WinExe</OutputType>\n    <TargetFramework>net8.0-windows</TargetFramework>\n    <UseWpf>true</UseWpf>\n  </PropertyGroup>\n</Project>\n");
            Assert.Equal("gui", w.Value(F.Interface));
            Assert.Equal("<UseWpf>true</UseWpf>", w.Fact(F.Interface).Evidence.Single().Text);
            Assert.Equal(5, w.Fact(F.Interface).Evidence.Single().Location.Span.Line);
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Null(w.Value(F.WindowsImage));
        }

        [Fact]
        public void WinForms_maui_and_avalonia_are_gui()
        {
            Assert.Equal("gui", One("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><UseWindowsForms>True</UseWindowsForms></PropertyGroup></Project>").Value(F.Interface));
            Assert.Equal("gui", One("<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Avalonia.Desktop\" Version=\"11.0.0\" /></ItemGroup></Project>").Value(F.Interface));
            Assert.Equal("gui", One("<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Microsoft.Maui.Controls\" Version=\"8.0.0\" /></ItemGroup></Project>").Value(F.Interface));
            Assert.Null(One("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><UseWPF>false</UseWPF></PropertyGroup></Project>").Value(F.Interface));
            Assert.Null(One("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><UseWPF>$(WantWpf)</UseWPF></PropertyGroup></Project>").Value(F.Interface));
        }

        [Theory]
        [InlineData("net48")]
        [InlineData("net472")]
        [InlineData("net462")]
        public void Net_framework_is_windows_servercore(string tfm)
        {
            var w = One($"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>{tfm}</TargetFramework></PropertyGroup></Project>");
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Equal("servercore", w.Value(F.WindowsImage));
        }

        [Theory]
        [InlineData("net8.0")]
        [InlineData("net5.0")]
        [InlineData("netstandard2.0")]
        [InlineData("net8.0;net48")]
        public void Portable_or_mixed_frameworks_give_no_os(string tfms)
            => Assert.Null(One($"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFrameworks>{tfms}</TargetFrameworks></PropertyGroup></Project>").Value(F.Os));

        [Fact]
        public void Old_style_project()
        {
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n  <PropertyGroup>\n    <OutputType>WinExe</OutputType>\n    <TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>\n  </PropertyGroup>\n  <ItemGroup>\n    <Reference Include=\"PresentationFramework\" />\n    <Reference Include=\"System\" />\n  </ItemGroup>\n</Project>\n";
            var w = One(xml, "Legacy/Legacy.Desktop.csproj");
            Assert.Equal("legacy-desktop", w.Name);
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Equal("servercore", w.Value(F.WindowsImage));
            Assert.Equal("gui", w.Value(F.Interface));
            Assert.Equal("<TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>", w.Fact(F.Os).Evidence.Single().Text);
        }

        [Theory]
        [InlineData("Microsoft.ML.OnnxRuntime.Gpu")]
        [InlineData("TorchSharp-cuda-linux")]
        [InlineData("ILGPU.Runtime.Cuda")]
        [InlineData("ManagedCuda-12")]
        public void Gpu_packages(string id)
            => Assert.Equal(new[] { "gpu" }, One($"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"{id}\" Version=\"1.0.0\" /></ItemGroup></Project>").Devices());

        [Theory]
        [InlineData("Microsoft.ML.OnnxRuntime")]
        [InlineData("TorchSharp-cpu")]
        [InlineData("ILGPU")]
        public void Cpu_packages_are_not_gpu(string id)
            => Assert.Null(One($"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"{id}\" Version=\"1.0.0\" /></ItemGroup></Project>").Value(F.Devices));

        [Fact]
        public void Directory_build_props_above_and_its_imports()
        {
            var r = Scan.Files(
                ("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <UseWindowsForms>true</UseWindowsForms>\n  </PropertyGroup>\n</Project>\n"),
                ("src/Directory.Build.props", "<Project>\n  <Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />\n  <Import Project=\"$(MSBuildThisFileDirectory)build/gpu.props\" />\n  <PropertyGroup>\n    <TargetFramework>net48</TargetFramework>\n  </PropertyGroup>\n</Project>\n"),
                ("src/build/gpu.props", "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"Microsoft.ML.OnnxRuntime.Gpu\" Version=\"1.17.0\" />\n  </ItemGroup>\n</Project>\n"),
                ("src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>WinExe</OutputType>\n  </PropertyGroup>\n</Project>\n"));
            var w = r.Only();
            Assert.Equal("app", w.Name);
            Assert.Equal("gui", w.Value(F.Interface));
            Assert.Equal("Directory.Build.props", w.Fact(F.Interface).Evidence.Single().Location.File);
            Assert.Equal("servercore", w.Value(F.WindowsImage));
            Assert.Equal("src/Directory.Build.props", w.Fact(F.WindowsImage).Evidence.Single().Location.File);
            Assert.Equal(new[] { "gpu" }, w.Devices());
            Assert.Equal(new[] { "src/App/App.csproj", "src/Directory.Build.props", "Directory.Build.props", "src/build/gpu.props" }, w.Artifacts);
        }

        [Fact]
        public void Project_property_overrides_props()
        {
            var w = Scan.Files(
                ("Directory.Build.props", "<Project><PropertyGroup><TargetFramework>net48</TargetFramework></PropertyGroup></Project>"),
                ("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>")).Only();
            Assert.Null(w.Value(F.Os));
        }

        [Fact]
        public void Xxe_is_refused()
        {
            var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><AssemblyName>&xxe;</AssemblyName></PropertyGroup></Project>";
            var r = Scan.Files(("Evil/Evil.csproj", xml));
            Assert.Empty(r.Workloads);
            var f = Assert.Single(r.Findings);
            Assert.Equal("DA0001", f.RuleId);
            Assert.Contains("DTD", f.Message);
            Assert.DoesNotContain("root:", f.Message);
        }

        [Fact]
        public void Invalid_xml_is_DA0001_at_its_place_and_others_go_on()
        {
            var r = Scan.Files(("Bad/Bad.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n</Project>\n"),
                ("Good/Good.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />"));
            Assert.Equal("good", r.Only().Name);
            var f = Assert.Single(r.Findings);
            Assert.Equal("DA0001", f.RuleId);
            Assert.Equal("Bad/Bad.csproj", f.Location!.File);
            Assert.Equal(3, f.Location.Span.Line);
        }

        [Fact]
        public void Broken_props_above_many_projects_is_reported_once()
        {
            var r = Scan.Files(("Directory.Build.props", "<Project><PropertyGroup>"),
                ("A/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />"), ("B/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />"));
            Assert.Equal(new[] { "a", "b" }, r.Workloads.Select(w => w.Name));
            Assert.Equal("Directory.Build.props", Assert.Single(r.Findings).Location!.File);
        }

        [Fact]
        public void Binary_and_non_project_xml()
        {
            var r = ArtifactScanner.Scan(new[]
            {
                new ArtifactFile("A/A.csproj", new byte[] { 0, 1, 2, 3, 0xFF }),
                new ArtifactFile("B/B.csproj", Encoding.UTF8.GetBytes("<html></html>")),
                new ArtifactFile("C/C.csproj", new byte[0]),
            });
            Assert.Empty(r.Workloads);
            Assert.Equal(3, r.Findings.Count);
            Assert.All(r.Findings, f => Assert.Equal("DA0001", f.RuleId));
        }

        [Fact]
        public void Deep_xml_is_DA0007()
        {
            var xml = "<Project>" + string.Concat(Enumerable.Repeat("<a>", 500)) + string.Concat(Enumerable.Repeat("</a>", 500)) + "</Project>";
            var r = Scan.Files(("Deep/Deep.csproj", xml));
            Assert.Equal("DA0007", Assert.Single(r.Findings).RuleId);
        }
    }
}
