using System;
using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Evaluation;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Loading;

namespace DeployAdvisor.Engine.Checking
{
    /// <summary>One descriptor document of a checked file and what is reported about it.</summary>
    public sealed class CheckedDocument
    {
        internal CheckedDocument(int index, string? name, SourceSpan start, SourceSpan? nameAt, WorkloadEvaluation? evaluation, List<Finding> findings)
        {
            Index = index; Name = name; Start = start; NameAt = nameAt; Evaluation = evaluation; _findings = findings;
        }

        private List<Finding> _findings;

        /// <summary>The document's 0-based index in its file.</summary>
        public int Index { get; }
        /// <summary>metadata.name where it could be read, even from an invalid descriptor.</summary>
        public string? Name { get; }
        /// <summary>Where the document starts (line 1 column 1 for a file's first document).</summary>
        public SourceSpan Start { get; }
        /// <summary>The value of metadata.name, when the document has one.</summary>
        public SourceSpan? NameAt { get; }
        /// <summary>Null when the document could not be evaluated, or when the check keeps no evaluations (lint).</summary>
        public WorkloadEvaluation? Evaluation { get; }
        /// <summary>
        /// The document's located findings with the policy applied. Once its file is finished
        /// (<see cref="CheckRun.Finish"/>): DA0004 and suppressions applied too, in <see cref="Finding.Order"/>.
        /// </summary>
        public IReadOnlyList<Finding> Findings => _findings;

        internal List<Finding> FindingList { get => _findings; set => _findings = value; }
    }

    /// <summary>
    /// One checked file: its documents and the findings about the file itself (DA0001, DA0007, DA0003
    /// for a named file without descriptor, and DA0005/DA0006 about a comment outside every document).
    /// </summary>
    public sealed class CheckedFile
    {
        internal CheckedFile(string path, List<CheckedDocument> documents, List<Finding> fileFindings, IReadOnlyList<YComment> suppressionComments)
        {
            Path = path; _documents = documents; _fileFindings = fileFindings; SuppressionComments = suppressionComments;
        }

        private readonly List<CheckedDocument> _documents;
        private List<Finding> _fileFindings;

        /// <summary>The file as findings name it.</summary>
        public string Path { get; }
        public IReadOnlyList<CheckedDocument> Documents => _documents;
        public IReadOnlyList<Finding> FileFindings => _fileFindings;
        /// <summary>The file's comments when they may hold suppressions, else empty.</summary>
        public IReadOnlyList<YComment> SuppressionComments { get; }
        /// <summary>True once <see cref="CheckRun.Finish"/> has applied DA0004 and suppressions.</summary>
        public bool IsFinished { get; internal set; }

        internal List<Finding> FileFindingList { get => _fileFindings; set => _fileFindings = value; }

        /// <summary>Every finding of the file; in <see cref="Finding.Order"/> once finished.</summary>
        public IEnumerable<Finding> AllFindings
            => IsFinished ? Merge() : _fileFindings.Concat(_documents.SelectMany(d => d.Findings));

        public bool HasFindings => _fileFindings.Count > 0 || _documents.Any(d => d.Findings.Count > 0);

        private IEnumerable<Finding> Merge()
        {
            // Nearly every file has no findings, or all of them in one list: no sort then.
            if (!HasFindings) return Array.Empty<Finding>();
            return Finding.Sort(_fileFindings.Concat(_documents.SelectMany(d => d.Findings)));
        }
    }
}
