using System.Collections.Generic;
using System.Linq;
using DeployAdvisor.Engine.Findings;
using DeployAdvisor.Engine.Schema;

namespace DeployAdvisor.Engine.Evaluation
{
    /// <summary>Maps findings about fields to places in a YAML document (the YAML front end's side of the field contract).</summary>
    public static class FindingLocator
    {
        public static Finding Locate(Finding finding, string? file, FieldLocations locations)
        {
            if (finding.Location != null) return finding;
            var primary = new Location(file, locations.Nearest(finding.Field));
            // A related field that is not written (hosts: shared by default) has no place of its own to point at.
            var related = finding.RelatedFields
                .Where(f => locations.KeyOf(f) != null || locations.ValueOf(f) != null)
                .Select(f => new Location(file, locations.Nearest(f)))
                .Where(l => !l.Span.Equals(primary.Span))
                .GroupBy(l => l.Span.ToString()).Select(g => g.First())
                .ToList();
            // Locations the engine already knows (a configuration entry) stay, after the fields' own.
            if (finding.RelatedLocations.Count > 0) related.AddRange(finding.RelatedLocations);
            return finding.With(location: primary, relatedLocations: related);
        }

        public static IReadOnlyList<Finding> Locate(IEnumerable<Finding> findings, string? file, FieldLocations locations)
            => findings.Select(f => Locate(f, file, locations)).ToList();
    }
}
