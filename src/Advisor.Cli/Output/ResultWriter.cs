using System;
using System.IO;
using System.Text;
using System.Text.Json;
using DeployAdvisor.Cli.Running;

namespace DeployAdvisor.Cli.Output
{
    /// <summary>
    /// One output format. A run calls <see cref="Begin"/>, then <see cref="WriteFile"/> for each file in
    /// ordinal path order as soon as the file is final, then <see cref="End"/> with the run's counts: a
    /// format holds no more than the file it is writing. A new format is one more implementation, named
    /// in the command's table of formats (<see cref="LintFormats"/>, <see cref="RecommendFormats"/>).
    /// </summary>
    public interface IResultWriter
    {
        void Begin();
        void WriteFile(FileOutcome file);
        void End(RunSummary summary);
    }

    /// <summary>A format written as text (UTF-8, '\n' line ends).</summary>
    public abstract class TextResultWriter : IResultWriter
    {
        protected TextResultWriter(Stream output)
        {
            Out = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        }

        protected TextWriter Out { get; }

        public virtual void Begin() { }
        public abstract void WriteFile(FileOutcome file);

        public void End(RunSummary summary)
        {
            WriteEnd(summary);
            Out.Flush();
        }

        protected virtual void WriteEnd(RunSummary summary) { }
    }

    /// <summary>A format written as one JSON document, through a streaming writer flushed after each file.</summary>
    public abstract class JsonResultWriter : IResultWriter
    {
        private readonly Stream _output;

        protected JsonResultWriter(Stream output)
        {
            _output = output;
            Json = Output.Json.CreateWriter(output);
        }

        protected Utf8JsonWriter Json { get; }

        public abstract void Begin();

        public void WriteFile(FileOutcome file)
        {
            WriteResults(file);
            Json.Flush();
        }

        protected abstract void WriteResults(FileOutcome file);

        public void End(RunSummary summary)
        {
            WriteEnd(summary);
            Json.Flush();
            _output.WriteByte((byte)'\n');
            Json.Dispose();
        }

        protected abstract void WriteEnd(RunSummary summary);
    }
}
