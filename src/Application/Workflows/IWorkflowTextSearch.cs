using Invoke.Domain.Workflows;

namespace Invoke.Application.Workflows;

/// <summary>
/// Narrows the library to workflows whose name, description or tags contain a search term, using
/// the database's text index where it has one (SQLite FTS5 trigrams, PostgreSQL pg_trgm).
/// </summary>
public interface IWorkflowTextSearch
{
    /// <param name="foldedTerm">The trimmed term, folded with <see cref="WorkflowSearch.Fold"/>.</param>
    WorkflowSearchCandidates Candidates(string foldedTerm);

    /// <summary>
    /// The exact substring match over a view that holds few rows (one user's library), written so
    /// that the database tests those rows rather than consulting its text index: for a rare term a
    /// trigram index looks cheap to the planner but reads long posting lists.
    /// </summary>
    IQueryable<Workflow> AmongFew(IQueryable<Workflow> workflows, string foldedTerm);
}

/// <summary>
/// The workflows that may match. When <paramref name="MatchesExactly"/> is false they can include
/// extra rows, and the library specification's exact substring test must still be applied.
/// </summary>
public sealed record WorkflowSearchCandidates(IQueryable<Workflow> Workflows, bool MatchesExactly);
