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
            // FTS5 takes no ESCAPE clause: LIKE wildcards in the term only widen the candidates
            // ('_' and '%' match themselves too), and the specification's exact test removes the extra rows.
            return new WorkflowSearchCandidates(
                db.Workflows.FromSqlRaw(
                    "SELECT * FROM workflow_library WHERE id IN (SELECT rowid FROM workflow_library_search WHERE search_text LIKE {0})",
                    "%" + foldedTerm + "%"),
                MatchesExactly: false);
        }

        if (db.Database.IsNpgsql())
        {
            var pattern = "%" + EscapeLike(foldedTerm) + "%";
            return new WorkflowSearchCandidates(db.Workflows.Where(w => EF.Functions.Like(w.SearchText, pattern, LikeEscape)), MatchesExactly: true);
        }

        return new WorkflowSearchCandidates(db.Workflows, MatchesExactly: false);
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string term) =>
        term.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);
}
