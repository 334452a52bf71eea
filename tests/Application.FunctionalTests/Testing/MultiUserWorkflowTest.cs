using System.Text.Json;
using FluentAssertions.Equivalency;
using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Rules;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>Handler-level tests of several users sharing one workflow library.</summary>
public abstract class MultiUserWorkflowTest(TestDatabase database) : FunctionalTest(database)
{
    protected const string User1 = "user1";
    protected const string User2 = "user2";

    /// <summary>Creates a workflow as the current caller.</summary>
    protected async Task<string> CreateAsync(string name, string tags = "") =>
        (await SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(name: name, tags: tags)))).WorkflowId;

    /// <summary>Creates a workflow as the current caller and shares it, as the UI does (create, then PATCH is_public).</summary>
    protected async Task<string> CreateSharedAsync(string name, string tags = "")
    {
        var id = await CreateAsync(name, tags);
        await SendAsync(new SetWorkflowSharingCommand(id, IsPublic: true));
        return id;
    }

    /// <summary>Every matching workflow on one page, by name.</summary>
    protected Task<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>> ListAsync(WorkflowFilter filter) =>
        SendAsync(new ListWorkflowsQuery(filter, WorkflowOrderBy.Name, SortDirection.Ascending, 0, null));

    protected async Task<IReadOnlyList<string>> ListIdsAsync(WorkflowFilter filter) =>
        (await ListAsync(filter)).Items.Select(i => i.WorkflowId).ToList();

    /// <summary>The workflow as an administrator sees it, without changing the current caller.</summary>
    protected async Task<WorkflowRecordWithThumbnailDto> ReadAsAdministratorAsync(string workflowId)
    {
        await using var scope = Database.CreateScope(multiUser: true, Administrator());
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetWorkflowQuery(workflowId));
    }

    /// <summary>Compares two reads of a workflow; the thumbnail URL carries a fresh cache-buster on every read.</summary>
    protected static EquivalencyAssertionOptions<WorkflowRecordWithThumbnailDto> IgnoringCacheBuster(
        EquivalencyAssertionOptions<WorkflowRecordWithThumbnailDto> options) =>
        options.Excluding(w => w.ThumbnailUrl);

    protected static Task<TRule> ShouldBreakAsync<TRule>(Func<Task> act, string detail)
        where TRule : IBusinessRule =>
        act.ShouldBreakAsync<TRule>(detail);

    /// <summary>The document of a workflow as a client sends it back ("Save As").</summary>
    protected static WorkflowDocument DocumentOf(RawJson json)
    {
        var errors = new List<RequestValidationError>();
        var document = WorkflowDocumentReader.Read(JsonDocument.Parse(json.Json).RootElement, ["body", "workflow"], errors);
        errors.Should().BeEmpty();
        return document!;
    }
}
