using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;
using Invoke.Infrastructure.Persistence.Configurations;
using Invoke.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invoke.Application.FunctionalTests.Testing;

/// <summary>Arranging and inspecting workflow libraries.</summary>
public abstract partial class FunctionalTest
{
    /// <summary>A callable default workflow that ships with the server.</summary>
    protected const string PromptBuilderDefault = "default_prompt_builder";

    /// <summary>A workflow <paramref name="ownerId"/> saved in multi-user mode: private unless <paramref name="shared"/>.</summary>
    protected async Task<WorkflowRecordDto> GivenWorkflowAsync(string ownerId, WorkflowDocument? document = null, bool shared = false)
    {
        var owner = RegularUser(ownerId);
        var created = await SendAsAsync(owner, new CreateWorkflowCommand(document ?? WorkflowDocuments.Create()));
        return shared ? await SendAsAsync(owner, new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true)) : created;
    }

    /// <summary>
    /// A workflow with a 512×256 PNG uploaded as its thumbnail: saved in single-user mode when
    /// <paramref name="ownerId"/> is null, else by that user in multi-user mode.
    /// </summary>
    protected async Task<WorkflowRecordDto> GivenWorkflowWithThumbnailAsync(string? ownerId = null)
    {
        var created = ownerId is null ? await GivenSingleUserWorkflowAsync() : await GivenWorkflowAsync(ownerId);
        await using var image = new MemoryStream(TestImages.Png(512, 256));
        await SendAsAsync(ownerId is null ? null : RegularUser(ownerId), new SetWorkflowThumbnailCommand(created.WorkflowId, "image/png", image));
        return created;
    }

    /// <summary>A workflow saved in single-user mode: owned by <c>system</c> and public ("system legacy" in multi-user mode).</summary>
    protected Task<WorkflowRecordDto> GivenSingleUserWorkflowAsync(WorkflowDocument? document = null) =>
        SendAsAsync(caller: null, new CreateWorkflowCommand(document ?? WorkflowDocuments.Create()));

    /// <summary>Workflows named <paramref name="names"/>, in that order, saved in single-user mode.</summary>
    protected async Task<List<WorkflowRecordDto>> GivenSingleUserWorkflowsAsync(params string[] names)
    {
        var created = new List<WorkflowRecordDto>();
        foreach (var name in names)
        {
            created.Add(await GivenSingleUserWorkflowAsync(WorkflowDocuments.Create(name: name)));
        }

        return created;
    }

    /// <summary>A page of the library as the current caller sees it.</summary>
    protected Task<PaginatedResults<WorkflowRecordListItemWithThumbnailDto>> ListAsync(
        WorkflowFilter? filter = null,
        WorkflowOrderBy orderBy = WorkflowOrderBy.Name,
        SortDirection direction = SortDirection.Ascending,
        int? page = 0,
        int? perPage = null) =>
        SendAsync(new ListWorkflowsQuery(filter ?? WorkflowFilter.None, orderBy, direction, page, perPage));

    /// <summary>The names of every user workflow the current caller sees with <paramref name="filter"/>'s other conditions, by name.</summary>
    protected async Task<List<string>> UserWorkflowNamesAsync(WorkflowFilter? filter = null)
    {
        var result = await ListAsync((filter ?? WorkflowFilter.None) with { Categories = [WorkflowCategory.User] });
        return result.Items.Select(i => i.Name).ToList();
    }

    /// <summary>The stored row, read straight from the database.</summary>
    protected Task<Workflow?> FindWorkflowAsync(string workflowId) =>
        InDatabaseAsync(db => db.Workflows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workflowId));

    protected async Task<Workflow> StoredWorkflowAsync(string workflowId) =>
        await FindWorkflowAsync(workflowId) ?? throw new InvalidOperationException($"Workflow {workflowId} is not in the database.");

    /// <summary>The default workflows this server ships.</summary>
    protected IReadOnlyList<DefaultWorkflow> ShippedDefaults =>
        Database.Services(multiUser: false).GetRequiredService<IDefaultWorkflowCatalog>().Workflows;

    /// <summary>The stored thumbnail bytes of a user workflow, read straight from the database; null when it has none.</summary>
    protected Task<byte[]?> FindStoredThumbnailAsync(string workflowId) =>
        InDatabaseAsync(db => (
                from thumbnail in db.WorkflowThumbnails
                join workflow in db.Workflows on thumbnail.WorkflowRowId equals EF.Property<long>(workflow, WorkflowConfiguration.RowId)
                where workflow.Id == workflowId
                select thumbnail.Image)
            .FirstOrDefaultAsync());

    protected async Task<byte[]> StoredThumbnailAsync(string workflowId) =>
        await FindStoredThumbnailAsync(workflowId) ?? throw new InvalidOperationException($"Workflow {workflowId} has no stored thumbnail.");

    protected async Task<bool> HasStoredThumbnailAsync(string workflowId) => await FindStoredThumbnailAsync(workflowId) is not null;

    /// <summary>How many thumbnail rows the database holds.</summary>
    protected Task<int> StoredThumbnailCountAsync() => InDatabaseAsync(db => db.WorkflowThumbnails.CountAsync());
}
