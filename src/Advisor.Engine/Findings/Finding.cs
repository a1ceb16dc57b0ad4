using System;
using System.Collections.Generic;
using System.Linq;

namespace DeployAdvisor.Engine.Findings
{
    public enum Severity
    {
        Info = 0,
        Warning = 1,
        Error = 2,
    }

    public static class SeverityNames
    {
        public static string ToName(this Severity severity) => severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };

        public static bool TryParse(string? text, out Severity severity)
        {
            switch (text)
            {
                case "error": severity = Severity.Error; return true;
                case "warning": severity = Severity.Warning; return true;
                case "info": severity = Severity.Info; return true;
                default: severity = Severity.Info; return false;
            }
        }
    }

    /// <summary>A 1-based position range in a source; End* equal to Line/Column when unknown.</summary>
    public sealed class SourceSpan : IComparable<SourceSpan>, IEquatable<SourceSpan>
    {
        public SourceSpan(int line, int column, int endLine, int endColumn)
        {
            Line = line; Column = column; EndLine = endLine; EndColumn = endColumn;
        }

        public static SourceSpan At(int line, int column) => new SourceSpan(line, column, line, column);
        public static readonly SourceSpan FileStart = At(1, 1);

        public int Line { get; }
        public int Column { get; }
        public int EndLine { get; }
        public int EndColumn { get; }

        public int CompareTo(SourceSpan? other)
        {
            if (other is null) return 1;
            int c = Line.CompareTo(other.Line);
            return c != 0 ? c : Column.CompareTo(other.Column);
        }

        public bool Equals(SourceSpan? other) => other is not null && Line == other.Line && Column == other.Column && EndLine == other.EndLine && EndColumn == other.EndColumn;
        public override bool Equals(object? obj) => Equals(obj as SourceSpan);
        public override int GetHashCode() => (Line * 397) ^ Column;
        public override string ToString() => $"{Line}:{Column}";
    }

    /// <summary>Where a finding is: a file (path as the front end names it) and a span in it.</summary>
    public sealed class Location
    {
        public Location(string? file, SourceSpan span) { File = file; Span = span; }
        public string? File { get; }
        public SourceSpan Span { get; }
        public override string ToString() => $"{File}:{Span}";
    }

    /// <summary>
    /// One thing a rule says about one workload or input. Rules name the field they are about
    /// (<see cref="Field"/>, a dotted descriptor path such as <c>spec.deployment.target</c>);
    /// each front end maps fields to its own places (a YAML line, an attribute argument) and fills
    /// <see cref="Location"/>. Input findings (syntax, schema) come with a location already.
    /// </summary>
    public sealed class Finding
    {
        public Finding(string ruleId, Severity severity, string message, string? field = null,
            IReadOnlyList<string>? relatedFields = null, Location? location = null,
            IReadOnlyList<Location>? relatedLocations = null, string? workload = null)
        {
            RuleId = ruleId;
            Severity = severity;
            Message = message;
            Field = field;
            RelatedFields = relatedFields ?? Array.Empty<string>();
            Location = location;
            RelatedLocations = relatedLocations ?? Array.Empty<Location>();
            Workload = workload;
        }

        public string RuleId { get; }
        public Severity Severity { get; }
        public string Message { get; }
        public string? Field { get; }
        public IReadOnlyList<string> RelatedFields { get; }
        public Location? Location { get; }
        public IReadOnlyList<Location> RelatedLocations { get; }
        public string? Workload { get; }

        public Finding With(Severity? severity = null, Location? location = null, IReadOnlyList<Location>? relatedLocations = null, string? workload = null, string? message = null)
            => new Finding(RuleId, severity ?? Severity, message ?? Message, Field, RelatedFields,
                location ?? Location, relatedLocations ?? RelatedLocations, workload ?? Workload);

        public override string ToString() => $"{Location} {Severity.ToName()} {RuleId}: {Message}";

        /// <summary>The stable order of findings: file (ordinal), line, column, then rule ID.</summary>
        public static readonly IComparer<Finding> Order = Comparer<Finding>.Create((a, b) =>
        {
            int c = string.CompareOrdinal(a.Location?.File, b.Location?.File);
            if (c != 0) return c;
            c = (a.Location?.Span.Line ?? 0).CompareTo(b.Location?.Span.Line ?? 0);
            if (c != 0) return c;
            c = (a.Location?.Span.Column ?? 0).CompareTo(b.Location?.Span.Column ?? 0);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.RuleId, b.RuleId);
            return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
        });

        public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) => findings.OrderBy(f => f, Order).ToList();
    }

    /// <summary>Rule IDs the engine itself raises, besides the catalog's data-driven rules.</summary>
    public static class RuleIds
    {
        public const string YamlSyntax = "DA0001";
        public const string SchemaViolation = "DA0002";
        public const string NotADescriptor = "DA0003";
        public const string DuplicateName = "DA0004";
        public const string SuppressionWithoutReason = "DA0005";
        public const string UnusedSuppression = "DA0006";
        public const string LimitExceeded = "DA0007";
        public const string InvalidConfiguration = "DA0008";
        public const string ContradictoryFields = "DA0009";
        public const string NoFeasibleTarget = "DA4001";

        /// <summary>Input findings mean the input was not understood: always errors, never disabled.</summary>
        public static bool IsFixedError(string id) => id == YamlSyntax || id == SchemaViolation || id == NotADescriptor || id == LimitExceeded || id == ContradictoryFields;
    }
}
