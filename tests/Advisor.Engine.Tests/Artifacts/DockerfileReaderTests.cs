using System.Linq;
using System.Text;
using DeployAdvisor.Engine.Artifacts;
using F = DeployAdvisor.Engine.Artifacts.ArtifactFields;

namespace DeployAdvisor.Engine.Tests.Artifacts
{
    public class DockerfileReaderTests
    {
        private static WorkloadFacts One(string text, string path = "src/api/Dockerfile") => Scan.Files((path, text)).Only();

        [Fact]
        public void Multi_stage_dotnet_on_linux_gives_no_os()
        {
            var w = One(@"# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT [""dotnet"", ""Api.dll""]
");
            Assert.Equal("api", w.Name);
            Assert.Empty(w.Fields);
            Assert.Equal(new[] { "src/api/Dockerfile" }, w.Artifacts);
        }

        [Theory]
        [InlineData("mcr.microsoft.com/windows/nanoserver:ltsc2022", "nanoserver")]
        [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022", "servercore")]
        [InlineData("mcr.microsoft.com/dotnet/framework/aspnet:4.8", "servercore")]
        [InlineData("mcr.microsoft.com/windows/server:ltsc2022", "server")]
        [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022", "nanoserver")]
        [InlineData("mcr.microsoft.com/powershell:lts-windowsservercore-ltsc2022", "servercore")]
        public void Windows_final_images(string image, string kind)
        {
            var w = One($"FROM {image}\nCMD [\"x\"]\n");
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Equal(kind, w.Value(F.WindowsImage));
            var e = w.Fact(F.WindowsImage).Evidence.Single();
            Assert.Equal($"FROM {image}", e.Text);
            Assert.Equal(1, e.Location.Span.Line);
            Assert.Equal(ArtifactKind.Dockerfile, e.Kind);
        }

        [Theory]
        [InlineData("node:20-alpine")]
        [InlineData("gcr.io/distroless/static-debian12:nonroot")]
        [InlineData("scratch")]
        [InlineData("mcr.microsoft.com/windowsservercore-insider-lookalike/app:1")]
        public void Linux_and_distroless_images_give_no_windows(string image)
        {
            Assert.Null(One($"FROM {image}\n").Value(F.Os));
        }

        [Fact]
        public void Build_platform_stage_and_windows_tagged_final_stage()
        {
            var w = One("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nCOPY --from=build /app .\n");
            Assert.Equal("nanoserver", w.Value(F.WindowsImage));
            Assert.Equal(5, w.Fact(F.Os).Evidence.Single().Location.Span.Line);
        }

        [Fact]
        public void Only_the_final_stage_decides()
        {
            var w = One("FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS tools\nRUN echo\nFROM node:20\nCOPY --from=tools /x /x\n");
            Assert.Null(w.Value(F.Os));
            var win = One("FROM node:20 AS build\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n");
            Assert.Equal("nanoserver", win.Value(F.WindowsImage));
            Assert.Equal(2, win.Fact(F.Os).Evidence.Single().Location.Span.Line);
        }

        [Fact]
        public void From_a_stage_resolves_to_its_base()
        {
            var w = One("FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS base\nFROM base AS build\nRUN msbuild\nFROM build\n");
            Assert.Equal("servercore", w.Value(F.WindowsImage));
            Assert.Contains("stage build", w.Fact(F.WindowsImage).Evidence.Single().Reason);
        }

        [Fact]
        public void Arg_defaults_are_substituted_in_from()
        {
            var w = One("ARG WINDOWS_VERSION=ltsc2022\nARG REGISTRY=\"mcr.microsoft.com\"\nFROM ${REGISTRY}/windows/servercore:$WINDOWS_VERSION\n");
            Assert.Equal("servercore", w.Value(F.WindowsImage));
            var d = One("ARG BASE\nFROM ${BASE:-mcr.microsoft.com/windows/nanoserver:ltsc2022}\n");
            Assert.Equal("nanoserver", d.Value(F.WindowsImage));
        }

        [Fact]
        public void Arg_without_default_leaves_the_image_unknown()
        {
            var w = One("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo\n");
            Assert.Empty(w.Fields);
            Assert.Contains(w.Notes, n => n.Contains("unknown"));
        }

        [Fact]
        public void Arg_after_from_is_not_global()
        {
            var w = One("FROM node:20\nARG IMG=mcr.microsoft.com/windows/nanoserver:ltsc2022\nFROM $IMG\n");
            Assert.Empty(w.Fields);
        }

        [Fact]
        public void Platform_flag_says_windows()
        {
            var w = One("FROM --platform=windows/amd64 example.com/custom:1\n");
            Assert.Equal("windows", w.Value(F.Os));
            Assert.Null(w.Value(F.WindowsImage));
        }

        [Fact]
        public void Backtick_escape_directive_and_windows_paths()
        {
            var text = "# escape=`\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:\\app\\\nRUN powershell -Command `\n    Write-Host hi; `\n    Write-Host there\nWORKDIR C:\\app\n";
            var ins = DockerfileReader.Parse(text);
            Assert.Equal(new[] { "FROM", "COPY", "RUN", "WORKDIR" }, ins.Select(i => i.Keyword));
            Assert.Equal("app C:\\app\\", ins[1].Arguments);
            Assert.Equal(5, ins[2].Span.Line);
            Assert.Equal(7, ins[2].Span.EndLine);
            Assert.Equal("servercore", One(text).Value(F.WindowsImage));
        }

        [Fact]
        public void Backslash_continuation_with_comment_and_empty_lines_inside()
        {
            var text = "FROM node:20\nRUN apt-get update && \\\n# a comment inside\n\n    apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nEXPOSE 3000\n";
            var ins = DockerfileReader.Parse(text);
            Assert.Equal(new[] { "FROM", "RUN", "EXPOSE" }, ins.Select(i => i.Keyword));
            Assert.Contains("apt-get install -y curl", ins[1].Arguments);
            Assert.Equal(7, ins[2].Span.Line);
        }

        [Fact]
        public void Continued_from_line()
        {
            var w = One("FROM \\\n  mcr.microsoft.com/windows/nanoserver:ltsc2022 \\\n  AS final\n");
            Assert.Equal("nanoserver", w.Value(F.WindowsImage));
        }

        [Fact]
        public void Heredoc_bodies_are_not_instructions()
        {
            var text = "# syntax=docker/dockerfile:1.4\nFROM node:20\nRUN <<EOF\napt-get update\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nEOF\nCOPY <<-\"CONF\" <<'MORE' /etc/\n\tFROM x\n\tCONF\nFROM y\nMORE\nCMD [\"node\"]\n";
            var ins = DockerfileReader.Parse(text);
            Assert.Equal(new[] { "FROM", "RUN", "COPY", "CMD" }, ins.Select(i => i.Keyword));
            Assert.Equal(12, ins[3].Span.Line);
            Assert.Null(One(text).Value(F.Os));
        }

        [Fact]
        public void Directives_only_at_the_top()
        {
            var ins = DockerfileReader.Parse("FROM x\n# escape=`\nRUN a \\\n  b\n");
            Assert.Equal(new[] { "FROM", "RUN" }, ins.Select(i => i.Keyword));
            Assert.Equal(new[] { "a", "b" }, ins[1].Arguments.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
        }

        [Fact]
        public void Lowercase_instructions_and_crlf()
        {
            var w = One("from mcr.microsoft.com/windows/nanoserver:ltsc2022 as final\r\ncmd [\"x\"]\r\n");
            Assert.Equal("nanoserver", w.Value(F.WindowsImage));
        }

        [Theory]
        [InlineData("Dockerfile", true)]
        [InlineData("api.Dockerfile", true)]
        [InlineData("Dockerfile.windows", true)]
        [InlineData("Dockerfile.dockerignore", false)]
        [InlineData("Dockerfiles.md", false)]
        public void Dockerfile_names(string name, bool expected) => Assert.Equal(expected, ArtifactScanner.IsDockerfileName(name));

        [Fact]
        public void Binary_dockerfile_is_a_finding_not_a_crash()
        {
            var r = ArtifactScanner.Scan(new[]
            {
                new ArtifactFile("bin/Dockerfile", new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 0xFF }),
                new ArtifactFile("ok/Dockerfile", Encoding.UTF8.GetBytes("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n")),
            });
            var f = Assert.Single(r.Findings);
            Assert.Equal("DA0001", f.RuleId);
            Assert.Equal("bin/Dockerfile", f.Location!.File);
            Assert.Contains("not text", f.Message);
            Assert.Equal("ok", r.Only().Name);
        }

        [Fact]
        public void Huge_dockerfile_is_DA0007()
        {
            var options = new ArtifactScanOptions { Limits = new Loading.Limits { MaxFileBytes = 10 } };
            var r = ArtifactScanner.Scan(new[] { new ArtifactFile("Dockerfile", Encoding.UTF8.GetBytes("FROM node:20 AS x\n")) }, options);
            Assert.Equal("DA0007", Assert.Single(r.Findings).RuleId);
        }

        [Fact]
        public void Empty_and_garbage_dockerfiles_do_not_throw()
        {
            foreach (var text in new[] { "", "\\", "FROM", "FROM --platform=", "RUN <<", "RUN <<EOF\nno end", "ARG =x\nFROM ${", "# escape=\n", "FROM $\n", "FROM ${A:-${B}}\n" })
            {
                var r = Scan.Files(("Dockerfile", text));
                Assert.Empty(r.Findings);
            }
        }
    }
}
