using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.Workflows;

internal sealed class WorkflowTextSearch(AppDbContext db) : IWorkflowTextSearch
{
    /// <summary>Trigram indexes cannot help with shorter terms.</summary>
    private const int MinimumIndexedLength = 3;

    public WorkflowSearchCandidates Candidates(string foldedTerm)
    {
        ArgumentNullException.ThrowIfNull(foldedTerm);
        if (foldedTerm.Length < MinimumIndexedLength || !WorkflowSearch.CanMatch(foldedTerm))
        {
            return new WorkflowSearchCandidates(db.Workflows, MatchesExactly: false);
        }

        if (db.Database.IsSqlite())
        {
            // A quoted phrase of trigrams is a substring match answered from the index's position
            // lists alone (LIKE would re-read every candidate's text). CROSS JOIN keeps SQLite from
            // walking a sort index over the whole library and testing each row against the matches.
            // The specification's exact test still runs on the rows that come back.
            var phrase = "\"" + foldedTerm.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            return new WorkflowSearchCandidates(
                db.Workflows.FromSqlRaw(
                    """
                    SELECT w.* FROM workflow_library_search AS s CROSS JOIN workflow_library AS w ON w.id = s.rowid
                    WHERE s.workflow_library_search MATCH {0}
                    """,
                    phrase),
                MatchesExactly: false);
        }

        if (db.Database.IsNpgsql())
        {
            var pattern = "%" + EscapeLike(foldedTerm) + "%";
            return new WorkflowSearchCandidates(db.Workflows.Where(w => EF.Functions.Like(w.SearchText, pattern, LikeEscape)), MatchesExactly: true);
        }

        return new WorkflowSearchCandidates(db.Workflows, MatchesExactly: false);
    }

    public IQueryable<Workflow> AmongFew(IQueryable<Workflow> workflows, string foldedTerm)
    {
        ArgumentNullException.ThrowIfNull(foldedTerm);
        if (!WorkflowSearch.CanMatch(foldedTerm))
        {
            return workflows.Where(_ => false);
        }

        // PostgreSQL turns Contains into LIKE, which its trigram index serves; strpos it cannot.
        return db.Database.IsNpgsql()
            ? workflows.Where(w => w.SearchText.IndexOf(foldedTerm) >= 0)
            : workflows.Where(w => w.SearchText.Contains(foldedTerm));
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string term) =>
        term.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);
}
