using System;
using System.IO;
using Spectre.Console;

namespace DeployAdvisor.Cli.Output
{
    public enum ColorMode { Auto, Always, Never }

    /// <summary>
    /// Decides colour and width, and makes Spectre consoles that render into a writer (a format's
    /// stream: see <see cref="OutputSink"/> for when the bytes are written on).
    /// </summary>
    public sealed class Rendering
    {
        public Rendering(bool color, int width) { Color = color; Width = width; }

        public bool Color { get; }
        /// <summary>Width for tables: the terminal's when writing to one, else a fixed 120 so files and pipes are stable.</summary>
        public int Width { get; }

        /// <summary>Colour only for a terminal on standard output, never with NO_COLOR or TERM=dumb or into a file.</summary>
        public static Rendering For(ColorMode mode, bool toFile)
        {
            bool terminal = !toFile && !System.Console.IsOutputRedirected;
            bool color = mode switch
            {
                ColorMode.Always => true,
                ColorMode.Never => false,
                _ => terminal
                     && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
                     && Environment.GetEnvironmentVariable("TERM") != "dumb",
            };
            int width = 120;
            if (terminal)
            {
                try { if (System.Console.WindowWidth > 40) width = System.Console.WindowWidth; } catch (IOException) { }
            }
            return new Rendering(color, width);
        }

        public static readonly Rendering Plain = new Rendering(false, 120);

        public IAnsiConsole Console(TextWriter writer, int? width = null)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = Color ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
                Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            });
            console.Profile.Width = width ?? Width;
            console.Profile.Capabilities.Unicode = true;
            return console;
        }
    }
}
