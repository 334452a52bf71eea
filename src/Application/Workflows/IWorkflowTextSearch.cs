using Invoke.Domain.Workflows;

namespace Invoke.Application.Workflows;

/// <summary>
/// Narrows the library to workflows whose name, description or tags may contain a search term,
/// using the database's text index where it has one (SQLite FTS5 trigrams, PostgreSQL pg_trgm).
/// The result can hold a few extra rows; the library specification then applies the exact
/// substring match.
/// </summary>
public interface IWorkflowTextSearch
{
    /// <param name="foldedTerm">The trimmed term, folded with <see cref="WorkflowSearch.Fold"/>.</param>
    IQueryable<Workflow> Candidates(string foldedTerm);
}
