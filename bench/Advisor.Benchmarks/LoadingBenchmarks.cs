using System.IO;
using BenchmarkDotNet.Attributes;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Rules;
using YamlDotNet.RepresentationModel;

namespace DeployAdvisor.Benchmarks
{
    /// <summary>
    /// Per-file cost of reading descriptors, against the floor of issue 6: YamlDotNet's YamlStream.Load
    /// of the same text (the baseline). Each operation is one corpus file (200 files per invocation,
    /// about 8% multi-document, a few with plan violations or schema errors).
    /// Ratio ≈ 1 for YamlReader.Read means the engine's own tree costs what YamlDotNet's does;
    /// LoadText/LoadBytes add validation and binding; LoadAndEvaluate is what lint does per file.
    /// </summary>
    [MemoryDiagnoser]
    public class LoadingBenchmarks
    {
        private (string Path, string Text, byte[] Bytes)[] _files = null!;
        private Evaluator _evaluator = null!;
        private YamlText[] _trees = null!;

        [GlobalSetup]
        public void Setup()
        {
            _files = Inputs.Batch();
            _evaluator = new Evaluator(RuleSet.BuiltIn);
            _trees = System.Array.ConvertAll(_files, f => YamlReader.Read(f.Text));
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Inputs.BatchSize, Description = "YamlDotNet YamlStream.Load (floor)")]
        public int YamlStreamLoad()
        {
            int n = 0;
            foreach (var f in _files)
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(f.Text));
                n += stream.Documents.Count;
            }
            return n;
        }

        [Benchmark(OperationsPerInvoke = Inputs.BatchSize, Description = "YamlReader.Read (located tree)")]
        public int YamlReaderRead()
        {
            int n = 0;
            foreach (var f in _files) n += YamlReader.Read(f.Text).Documents.Count;
            return n;
        }

        [Benchmark(OperationsPerInvoke = Inputs.BatchSize, Description = "YamlReader.Read, BlockMappingReader first (lint's reading)")]
        public int YamlReaderReadFast()
        {
            int n = 0;
            foreach (var f in _files) n += YamlReader.Read(f.Text, fast: BlockMappingReader.Instance).Documents.Count;
            return n;
        }

        [Benchmark(OperationsPerInvoke = Inputs.BatchSize, Description = "ReadDocument (validate+bind a parsed tree)")]
        public int ValidateAndBind()
        {
            int n = 0;
            foreach (var t in _trees)
                foreach (var doc in t.Documents)
                    if (doc.Root != null && DescriptorLoader.ReadDocument(doc.Root, doc.Start, doc.Index, "bench.yaml")?.Workload != null) n++;
            return n;
        }

        [Benchmark(OperationsPerInvoke = Inputs.BatchSize, Description = "DescriptorLoader.LoadText (parse+validate+bind)")]
        public int LoadText()
        {
            int n = 0;
            foreach (var f in _files) n += DescriptorLoader.LoadText(f.Path, f.Text, namedLiterally: false).Documents.Count;
            return n;
        }

        [Benchmark(OperationsPerInvoke = Inputs.BatchSize, Description = "DescriptorLoader.Load (UTF-8 bytes)")]
        public int LoadBytes()
        {
            int n = 0;
            foreach (var f in _files) n += DescriptorLoader.Load(f.Path, f.Bytes, namedLiterally: false).Documents.Count;
            return n;
        }

        [Benchmark(OperationsPerInvoke = Inputs.BatchSize, Description = "Load + Evaluate (lint's per-file work)")]
        public int LoadAndEvaluate()
        {
            int n = 0;
            foreach (var f in _files)
            {
                var loaded = DescriptorLoader.Load(f.Path, f.Bytes, namedLiterally: false, fast: BlockMappingReader.Instance);
                foreach (var doc in loaded.Documents)
                    if (doc.Workload != null) n += _evaluator.Evaluate(doc.Workload).Findings.Count;
            }
            return n;
        }
    }
}
