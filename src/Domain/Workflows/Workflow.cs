using Invoke.Domain.Rules;
using Invoke.Domain.Time;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Domain.Workflows;

/// <summary>
/// A saved workflow in the library: the document as the client sent it, plus the fields the library
/// screens filter and sort on, kept in step with the document by this class.
/// </summary>
public sealed class Workflow
{
    /// <summary>Sort key of never-opened workflows: before every real time, on every database.</summary>
    public static readonly DateTime NeverOpened = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    private Workflow()
    {
    }

    public string Id { get; private set; } = null!;

    /// <summary>User id of the owner; <c>system</c> for defaults and for workflows made in single-user mode.</summary>
    public string OwnerId { get; private set; } = null!;

    public WorkflowCategory Category { get; private set; }

    public string Name { get; private set; } = null!;

    public string Description { get; private set; } = null!;

    /// <summary>The document's comma-separated tags string, as stored in the document.</summary>
    public string Tags { get; private set; } = null!;

    /// <summary>The whole document as JSON, including its <c>id</c>.</summary>
    public string Document { get; private set; } = null!;

    public bool IsPublic { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? OpenedAt { get; private set; }

    /// <summary>
    /// <see cref="OpenedAt"/> with <see cref="NeverOpened"/> for null, so that "recently opened" sorts
    /// the same way on every database (databases disagree on where NULLs go) and can use an index.
    /// </summary>
    public DateTime OpenedOrder { get; private set; }

    public bool HasThumbnail { get; private set; }

    public int WorkflowReturnNodeCount { get; private set; }

    /// <summary>Folded name, description and tags: what the library search box matches.</summary>
    public string SearchText { get; private set; } = null!;

    /// <summary>
    /// Goes up by one with every change to the workflow. Saves check it (a concurrency token), so a
    /// change made from a copy that another request has changed since is refused rather than
    /// written over that request's change; it is also the workflow's <c>ETag</c>.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Folded tags: what the tag filters and tag counts match.</summary>
    public string TagSearchText { get; private set; } = null!;

    public WorkflowCallCompatibility CallCompatibility =>
        WorkflowCallCompatibility.FromWorkflowReturnNodeCount(WorkflowReturnNodeCount);

    /// <summary>A new workflow in a user's library.</summary>
    public static Workflow Create(Actor creator, WorkflowDocument document, bool isPublic, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(document);
        BusinessRule.Check(new DefaultWorkflowsCannotBeCreatedRule(document.Meta.Category));

        var time = StoredTime.ToMilliseconds(now);
        var workflow = new Workflow
        {
            Id = Guid.NewGuid().ToString(),
            OwnerId = creator.UserId,
            Category = WorkflowCategory.User,
            IsPublic = isPublic,
            CreatedAt = time,
            OpenedOrder = NeverOpened,
        };
        workflow.ApplyDocument(document, time);
        return workflow;
    }

    /// <summary>
    /// A user workflow brought over from another installation (InvokeAI): id, owner, sharing, times
    /// and the stored document exactly as they were there; only the derived columns are computed.
    /// </summary>
    /// <param name="document">The stored document, read: what the derived columns come from.</param>
    /// <param name="storedDocument">The stored document as it was, kept byte for byte.</param>
    public static Workflow Import(
        string id, string ownerId, WorkflowDocument document, string storedDocument, bool isPublic,
        DateTime createdAt, DateTime updatedAt, DateTime? openedAt, bool hasThumbnail)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(storedDocument);
        BusinessRule.Check(new DefaultWorkflowsCannotBeCreatedRule(document.Meta.Category));

        var opened = openedAt is { } at ? StoredTime.ToMilliseconds(at) : (DateTime?)null;
        var workflow = new Workflow
        {
            Id = id,
            OwnerId = ownerId,
            Category = WorkflowCategory.User,
            IsPublic = isPublic,
            CreatedAt = StoredTime.ToMilliseconds(createdAt),
            UpdatedAt = StoredTime.ToMilliseconds(updatedAt),
            OpenedAt = opened,
            OpenedOrder = opened ?? NeverOpened,
            HasThumbnail = hasThumbnail,
            Name = document.Name,
            Description = document.Description,
            Document = storedDocument,
            WorkflowReturnNodeCount = document.CountWorkflowReturnNodes(),
        };
        workflow.SetTags(document.Tags);
        return workflow;
    }

    /// <summary>A default workflow shipped with the server, owned by <c>system</c>.</summary>
    public static Workflow CreateDefault(string id, WorkflowDocument document, bool hasThumbnail, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(document);
        if (!id.StartsWith(WorkflowLimits.DefaultIdPrefix, StringComparison.Ordinal)
            || document.Meta.Category != WorkflowCategory.Default)
        {
            throw new ArgumentException($"Default workflow '{id}' needs a 'default_' id and the default category.", nameof(id));
        }

        var time = StoredTime.ToMilliseconds(now);
        var workflow = new Workflow
        {
            Id = id,
            OwnerId = SystemAccount.UserId,
            Category = WorkflowCategory.Default,
            IsPublic = false,
            CreatedAt = time,
            OpenedOrder = NeverOpened,
            HasThumbnail = hasThumbnail,
        };
        workflow.ApplyDocument(document, time);
        return workflow;
    }

    /// <summary>Brings a default workflow in line with the version the server ships; false when nothing changed.</summary>
    public bool RefreshDefault(WorkflowDocument shipped, bool hasThumbnail, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        if (Category != WorkflowCategory.Default || shipped.Meta.Category != WorkflowCategory.Default)
        {
            throw new InvalidOperationException($"Workflow '{Id}' is not a default workflow.");
        }

        if (string.Equals(Document, shipped.ToJson(Id), StringComparison.Ordinal) && HasThumbnail == hasThumbnail)
        {
            return false;
        }

        HasThumbnail = hasThumbnail;
        ApplyDocument(shipped, StoredTime.ToMilliseconds(now));
        return true;
    }

    public void Update(Actor actor, WorkflowDocument document, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(document);
        CheckCanModify(actor, WorkflowModification.Update);
        BusinessRule.Check(new WorkflowCannotBecomeDefaultRule(document.Meta.Category));
        ApplyDocument(document, StoredTime.ToMilliseconds(now));
    }

    /// <summary>Checks that <paramref name="actor"/> may delete this workflow; the caller then removes it.</summary>
    public void Delete(Actor actor) => CheckCanModify(actor, WorkflowModification.Delete);

    /// <summary>Shares or unshares the workflow, adding or removing the <c>shared</c> tag in the document.</summary>
    public void SetShared(Actor actor, bool isPublic, DateTime now)
    {
        CheckCanModify(actor, WorkflowModification.Update);
        var tags = WorkflowTags.WithSharedTag(Tags, isPublic);
        IsPublic = isPublic;
        Document = WorkflowDocument.ReplaceTags(Document, tags);
        SetTags(tags);
        UpdatedAt = StoredTime.ToMilliseconds(now);
        Version++;
    }

    /// <summary>Records that the workflow was loaded into the editor. Administrators may mark defaults too.</summary>
    public void MarkOpened(Actor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            CheckCanModify(actor, WorkflowModification.Update);
        }

        var time = StoredTime.ToMilliseconds(now);
        OpenedAt = time;
        OpenedOrder = time;
        UpdatedAt = time;
        Version++;
    }

    public void SetThumbnail(Actor actor)
    {
        CheckCanModify(actor, WorkflowModification.Update);
        HasThumbnail = true;
        Version++;
    }

    public void RemoveThumbnail(Actor actor)
    {
        CheckCanModify(actor, WorkflowModification.Update);
        HasThumbnail = false;
        Version++;
    }

    private void CheckCanModify(Actor actor, WorkflowModification modification)
    {
        ArgumentNullException.ThrowIfNull(actor);
        BusinessRule.Check(new DefaultWorkflowsAreReadOnlyRule(Category));
        BusinessRule.Check(new WorkflowCanBeModifiedOnlyByOwnerRule(OwnerId, actor, modification));
    }

    private void ApplyDocument(WorkflowDocument document, DateTime time)
    {
        Name = document.Name;
        Description = document.Description;
        Document = document.ToJson(Id);
        WorkflowReturnNodeCount = document.CountWorkflowReturnNodes();
        SetTags(document.Tags);
        UpdatedAt = time;
        Version++;
    }

    private void SetTags(string tags)
    {
        Tags = tags;
        TagSearchText = WorkflowSearch.Fold(tags);
        SearchText = WorkflowSearch.SearchTextOf(Name, Description, tags);
    }
}
