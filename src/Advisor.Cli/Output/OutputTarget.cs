using System;
using System.IO;
using System.Text;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// Writes a command's complete result to standard output or, atomically, to --output: the text goes
    /// to a temporary file in the same folder, flushed to disk, then renamed over the target, so the
    /// file is complete or absent (or unchanged), never half-written.
    /// </summary>
    public static class OutputTarget
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public static void Write(string? outputPath, string text, string cwd)
        {
            if (string.IsNullOrEmpty(outputPath) || outputPath == "-")
            {
                Console.Out.Write(text);
                Console.Out.Flush();
                return;
            }
            WriteAtomically(Path.GetFullPath(outputPath, cwd), text);
        }

        public static void WriteAtomically(string path, string text)
        {
            var dir = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(dir))
                throw new UserError($"cannot write '{path}': its folder does not exist");
            var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = Utf8.GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                TryDelete(temp);
                throw new UserError($"cannot write '{path}': {e.Message}");
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
