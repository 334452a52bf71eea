namespace Invoke.Infrastructure.Persistence.Providers;

/// <summary>
/// SQLite's index for substring search: an FTS5 trigram table over <c>workflow_library.search_text</c>
/// (external content, keyed by the table's integer primary key) kept in step by triggers. EF Core
/// does not model virtual tables, so the SQLite migrations run these statements. A later migration
/// that makes EF Core rebuild <c>workflow_library</c> on SQLite drops the triggers with the old table:
/// it must run <see cref="Drop"/> first and <see cref="Create"/> again after.
/// </summary>
internal static class SqliteFullTextSearch
{
    public const string Create = """
        CREATE VIRTUAL TABLE workflow_library_search USING fts5(
            search_text, content='workflow_library', content_rowid='id', tokenize='trigram');
        CREATE TRIGGER workflow_library_search_insert AFTER INSERT ON workflow_library BEGIN
            INSERT INTO workflow_library_search(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER workflow_library_search_delete AFTER DELETE ON workflow_library BEGIN
            INSERT INTO workflow_library_search(workflow_library_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER workflow_library_search_update AFTER UPDATE OF search_text ON workflow_library BEGIN
            INSERT INTO workflow_library_search(workflow_library_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO workflow_library_search(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        INSERT INTO workflow_library_search(workflow_library_search) VALUES ('rebuild');
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS workflow_library_search_update;
        DROP TRIGGER IF EXISTS workflow_library_search_delete;
        DROP TRIGGER IF EXISTS workflow_library_search_insert;
        DROP TABLE IF EXISTS workflow_library_search;
        """;
}
