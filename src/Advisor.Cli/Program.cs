using System;
using System.IO;
using System.Text;
using DeployAdvisor.Cli;

// Redirected standard output in writes of up to 64 KB instead of the console writer's 256 characters (a
// 3.5 MB infer report was 12,000 write calls); still flushed after every write, as the console's is, and
// UTF-8 without a BOM, as CliApp.Run sets the console's; results already UTF-8 go to the stream as they are.
// Here, not in CliApp: in-process tests set their own writer.
if (Console.IsOutputRedirected)
{
    var stdout = Console.OpenStandardOutput();
    var writer = TextWriter.Synchronized(new StreamWriter(stdout, new UTF8Encoding(false), 1 << 16) { AutoFlush = true });
    Console.SetOut(writer);
    DeployAdvisor.Cli.Output.OutputSink.UseStandardOutput(writer, stdout);
}

return CliApp.Run(args);
