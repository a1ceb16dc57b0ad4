using System;
using System.IO;

namespace DeployAdvisor.Tests.Shared;

/// <summary>A scratch folder under the system temp folder, deleted at the end; files written with LF line ends.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "da-test-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.Replace("\r\n", "\n"));
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
