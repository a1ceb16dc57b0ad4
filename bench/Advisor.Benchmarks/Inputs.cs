using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeployAdvisor.Bench.Corpus;

namespace DeployAdvisor.Benchmarks
{
    /// <summary>A deterministic batch of corpus files, as text and as UTF-8 bytes.</summary>
    public static class Inputs
    {
        public const int BatchSize = 200;

        public static (string Path, string Text, byte[] Bytes)[] Batch(bool singleDocumentOnly = false)
            => DescriptorCorpus.Generate(new DescriptorOptions { Count = BatchSize, Seed = 7, SingleDocumentOnly = singleDocumentOnly })
                .Select(f => (f.Folder + "/" + f.Name, f.Text, new UTF8Encoding(false).GetBytes(f.Text)))
                .ToArray();
    }
}
