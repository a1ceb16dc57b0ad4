using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using YamlDotNet.RepresentationModel;

// parse-floor <dir>...: parses every .yaml/.yml file under the folders into YamlStream, in parallel
// (one worker per core), and prints the number of files and documents. Nothing else: this is the
// floor a linter built on YamlDotNet cannot beat by much.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: parse-floor <dir>...");
    return 2;
}
var files = args.SelectMany(a => File.Exists(a) ? new[] { a }
    : Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
    .ToArray();
int documents = 0, failed = 0;
Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
{
    var stream = new YamlStream();
    try
    {
        using var reader = new StreamReader(file);
        stream.Load(reader);
        Interlocked.Add(ref documents, stream.Documents.Count);
    }
    catch (YamlDotNet.Core.YamlException)
    {
        Interlocked.Increment(ref failed);
    }
});
Console.WriteLine($"{files.Length} files, {documents} documents, {failed} not well-formed");
return 0;
