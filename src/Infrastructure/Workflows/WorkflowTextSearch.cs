using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Infrastructure.Workflows;

internal sealed class WorkflowTextSearch(AppDbContext db) : IWorkflowTextSearch
{
    /// <summary>Trigram indexes cannot help with shorter terms.</summary>
    private const int MinimumIndexedLength = 3;

    public IQueryable<Workflow> Candidates(string foldedTerm)
    {
        ArgumentNullException.ThrowIfNull(foldedTerm);
        if (foldedTerm.Length < MinimumIndexedLength)
        {
            return db.Workflows;
        }

        // LIKE wildcards in the term only widen the candidates ('_' and '%' match themselves too);
        // the specification's exact match removes the extra rows.
        var pattern = "%" + foldedTerm + "%";
        if (db.Database.IsSqlite())
        {
            return db.Workflows.FromSqlRaw(
                "SELECT * FROM workflow_library WHERE id IN (SELECT rowid FROM workflow_library_search WHERE search_text LIKE {0})",
                pattern);
        }

        if (db.Database.IsNpgsql())
        {
            return db.Workflows.Where(w => EF.Functions.Like(w.SearchText, pattern));
        }

        return db.Workflows;
    }
}
