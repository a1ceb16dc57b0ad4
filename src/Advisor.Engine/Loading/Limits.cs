namespace DeployAdvisor.Engine.Loading
{
    /// <summary>
    /// The documented input limits. Every one is far above what a real descriptor needs and far
    /// below what would cost real time or memory; crossing one is a DA0007 finding at the place
    /// where it was crossed.
    /// </summary>
    public sealed class Limits
    {
        public static readonly Limits Default = new Limits();

        /// <summary>Largest file read (bytes). A descriptor is a few hundred bytes.</summary>
        public long MaxFileBytes { get; set; } = 4L * 1024 * 1024;
        /// <summary>Deepest nesting of collections. A descriptor nests 3 levels; rule files about 12.</summary>
        public int MaxDepth { get; set; } = 64;
        /// <summary>Longest scalar (characters).</summary>
        public int MaxScalarLength { get; set; } = 64 * 1024;
        /// <summary>Longest mapping key (characters).</summary>
        public int MaxKeyLength { get; set; } = 1024;
        /// <summary>Most documents in one file.</summary>
        public int MaxDocuments { get; set; } = 10_000;
        /// <summary>Most nodes one document may stand for once every alias is expanded ("billion laughs").</summary>
        public long MaxExpandedNodes { get; set; } = 100_000;
    }
}
