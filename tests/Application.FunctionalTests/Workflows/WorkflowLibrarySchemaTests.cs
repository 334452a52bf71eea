using Invoke.Application.FunctionalTests.Testing;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>What the <c>workflow_library</c> table itself guarantees, whoever writes to it (contract §7.2).</summary>
public abstract class WorkflowLibrarySchemaTests(TestDatabase database) : FunctionalTest(database)
{
    [Fact]
    public async Task Workflow_WithoutAnId_IsRefusedByTheDatabase()
    {
        var act = () => InDatabaseAsync(async db =>
        {
            var workflow = Workflow.Create(Actor.SystemAdministrator, WorkflowDocuments.Create(), isPublic: true, DateTime.UtcNow);
            db.Workflows.Add(workflow);
            db.Entry(workflow).Property(w => w.Id).CurrentValue = null!;
            await db.SaveChangesAsync();
        });

        await act.Should().ThrowAsync<DbUpdateException>();
        (await InDatabaseAsync(db => db.Workflows.CountAsync(w => w.Category == WorkflowCategory.User))).Should().Be(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowLibrarySchemaTestsOnSqlite(SqliteTestDatabase database) : WorkflowLibrarySchemaTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowLibrarySchemaTestsOnPostgres(PostgresTestDatabase database) : WorkflowLibrarySchemaTests(database);

[Collection(SqlServerCollection.Name)]
public sealed class WorkflowLibrarySchemaTestsOnSqlServer(SqlServerTestDatabase database) : WorkflowLibrarySchemaTests(database);
