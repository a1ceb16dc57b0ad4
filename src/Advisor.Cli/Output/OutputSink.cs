using System;
using System.IO;
using System.Text;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// Where a streamed result goes: standard output, or --output written atomically. Bytes are held in
    /// memory up to <see cref="SpillBytes"/>, so a small run writes nothing until it is complete (an
    /// interrupted run then writes nothing at all); past that they go on to standard output or to a
    /// temporary file beside the target, which <see cref="Commit"/> flushes to disk and renames over the
    /// target. The target is complete or absent (or unchanged), never half-written.
    /// </summary>
    public sealed class OutputSink : Stream
    {
        /// <summary>How much output is held before it is written on: memory stays flat whatever the run's size.</summary>
        public const int SpillBytes = 1 << 20;

        private readonly string? _path;
        private MemoryStream? _held = new MemoryStream();
        private FileStream? _temp;
        private string? _tempPath;
        private Decoder? _decoder;
        private bool _done;

        private OutputSink(string? path) { _path = path; }

        private static TextWriter? _standardWriter;
        private static Stream? _standardStream;

        /// <summary>
        /// The process's own standard output writer and its stream (Program): while Console.Out is that
        /// writer, results go to the stream as the UTF-8 they are, not decoded to be encoded again.
        /// </summary>
        public static void UseStandardOutput(TextWriter writer, Stream stream) { _standardWriter = writer; _standardStream = stream; }

        /// <summary>Standard output, or the file at <paramref name="outputPath"/> (relative to <paramref name="cwd"/>; "-" is standard output).</summary>
        public static OutputSink Open(string? outputPath, string cwd)
        {
            if (string.IsNullOrEmpty(outputPath) || outputPath == "-") return new OutputSink(null);
            var path = Path.GetFullPath(outputPath, cwd);
            CheckFolder(path);
            return new OutputSink(path);
        }

        /// <summary>
        /// Fails before any work when --output cannot be written because its folder does not exist: the
        /// folder is not created, since a mistyped path would otherwise leave a stray folder behind.
        /// </summary>
        public static void CheckFolder(string path)
        {
            var dir = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(dir))
                throw new UserError($"cannot write '{path}': its folder does not exist");
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_done) throw new InvalidOperationException("the output is already complete");
            if (_held != null)
            {
                if (_held.Length + buffer.Length <= SpillBytes) { _held.Write(buffer); return; }
                var held = _held;
                _held = null;
                Pass(held.GetBuffer().AsSpan(0, (int)held.Length));
            }
            Pass(buffer);
        }

        private void Pass(ReadOnlySpan<byte> bytes)
        {
            if (_path is null)
            {
                if (_standardStream != null && ReferenceEquals(Console.Out, _standardWriter))
                {
                    Console.Out.Flush();
                    _standardStream.Write(bytes);
                    return;
                }
                // Console.Out, not the raw standard output stream: it is what a host (or a test) redirects.
                _decoder ??= new UTF8Encoding(false).GetDecoder();
                var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
                int n = _decoder.GetChars(bytes, chars, flush: false);
                Console.Out.Write(chars, 0, n);
                return;
            }
            if (_temp is null)
            {
                var dir = Path.GetDirectoryName(_path)!;
                _tempPath = Path.Combine(dir, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
                try { _temp = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new UserError($"cannot write '{_path}': {e.Message}");
                }
            }
            try { _temp.Write(bytes); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Discard();
                throw new UserError($"cannot write '{_path}': {e.Message}");
            }
        }

        /// <summary>The result is complete: written out, or flushed to disk and renamed over the target.</summary>
        public void Commit()
        {
            if (_done) return;
            if (_path is null)
            {
                if (_held != null) Pass(_held.GetBuffer().AsSpan(0, (int)_held.Length));
                _held = null;
                Console.Out.Flush();
                _done = true;
                return;
            }
            if (_temp is null && _held != null)
            {
                // A small result: written whole now, the same way.
                var held = _held;
                _held = null;
                Pass(held.GetBuffer().AsSpan(0, (int)held.Length));
                if (_temp is null) Pass(ReadOnlySpan<byte>.Empty);
            }
            try
            {
                _temp!.Flush(flushToDisk: true);
                _temp.Dispose();
                _temp = null;
                File.Move(_tempPath!, _path, overwrite: true);
                _done = true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Discard();
                throw new UserError($"cannot write '{_path}': {e.Message}");
            }
        }

        /// <summary>Drops the result: nothing more is written and the temporary file, if any, is deleted.</summary>
        public void Discard()
        {
            _done = true;
            _held = null;
            if (_temp != null)
            {
                try { _temp.Dispose(); } catch (IOException) { }
                _temp = null;
            }
            if (_tempPath != null)
            {
                try { if (File.Exists(_tempPath)) File.Delete(_tempPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        protected override void Dispose(bool disposing)
        {
            // Not committed by the time it is disposed (an error or an interrupt): nothing is left behind.
            if (disposing && !_done) Discard();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !_done;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
