using System.Text.Json;
using Invoke.Domain.Rules;
using Invoke.Domain.Users;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Rules;

namespace Invoke.Domain.UnitTests.Workflows;

/// <summary>
/// Who may change which workflow (contract §4.2 with Part A.2 #3), decided by the aggregate: for
/// every caller, kind of workflow and change, the rule that breaks — or none, and the change is made.
/// </summary>
public sealed class WorkflowAccessMatrixTests
{
    // Callers. "system" is the caller of single-user mode: the built-in administrator.
    private const string Owner = "owner";
    private const string Other = "other user";
    private const string Admin = "admin";
    private const string SingleUser = "system (single-user mode)";

    // Workflows. Private and shared ones belong to the owner; legacy = made in single-user mode (system, shared).
    private const string Private = "private";
    private const string Shared = "shared";
    private const string Default = "default";
    private const string Legacy = "system legacy";

    // Changes.
    private const string Update = "update";
    private const string Delete = "delete";
    private const string Share = "share/unshare";
    private const string Open = "mark opened";
    private const string SetThumbnail = "set thumbnail";
    private const string RemoveThumbnail = "remove thumbnail";

    private const string Allowed = "";
    private const string OwnerOnly = nameof(WorkflowCanBeModifiedOnlyByOwnerRule);
    private const string ReadOnly = nameof(DefaultWorkflowsAreReadOnlyRule);

    private const string NotAuthorizedToUpdate = "Not authorized to update this workflow";
    private const string NotAuthorizedToDelete = "Not authorized to delete this workflow";
    private const string DefaultsAreReadOnly = "Default workflows are read-only";

    private static readonly DateTime Created = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Created.AddHours(1);

    public static TheoryData<string, string, string, string, string> Matrix { get; } = new()
    {
        // caller     workflow  change           broken rule  detail
        { Owner,      Private,  Update,          Allowed,     "" },
        { Owner,      Private,  Delete,          Allowed,     "" },
        { Owner,      Private,  Share,           Allowed,     "" },
        { Owner,      Private,  Open,            Allowed,     "" },
        { Owner,      Private,  SetThumbnail,    Allowed,     "" },
        { Owner,      Private,  RemoveThumbnail, Allowed,     "" },
        { Owner,      Shared,   Update,          Allowed,     "" },
        { Owner,      Shared,   Delete,          Allowed,     "" },
        { Owner,      Shared,   Share,           Allowed,     "" },
        { Owner,      Shared,   Open,            Allowed,     "" },
        { Owner,      Shared,   SetThumbnail,    Allowed,     "" },
        { Owner,      Shared,   RemoveThumbnail, Allowed,     "" },

        { Other,      Private,  Update,          OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Private,  Delete,          OwnerOnly,   NotAuthorizedToDelete },
        { Other,      Private,  Share,           OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Private,  Open,            OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Private,  SetThumbnail,    OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Private,  RemoveThumbnail, OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Shared,   Update,          OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Shared,   Delete,          OwnerOnly,   NotAuthorizedToDelete },
        { Other,      Shared,   Share,           OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Shared,   Open,            OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Shared,   SetThumbnail,    OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Shared,   RemoveThumbnail, OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Default,  Update,          ReadOnly,    DefaultsAreReadOnly },
        { Other,      Default,  Delete,          ReadOnly,    DefaultsAreReadOnly },
        { Other,      Default,  Share,           ReadOnly,    DefaultsAreReadOnly },
        { Other,      Default,  Open,            ReadOnly,    DefaultsAreReadOnly },
        { Other,      Default,  SetThumbnail,    ReadOnly,    DefaultsAreReadOnly },
        { Other,      Default,  RemoveThumbnail, ReadOnly,    DefaultsAreReadOnly },
        { Other,      Legacy,   Update,          OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Legacy,   Delete,          OwnerOnly,   NotAuthorizedToDelete },
        { Other,      Legacy,   Share,           OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Legacy,   Open,            OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Legacy,   SetThumbnail,    OwnerOnly,   NotAuthorizedToUpdate },
        { Other,      Legacy,   RemoveThumbnail, OwnerOnly,   NotAuthorizedToUpdate },

        { Admin,      Private,  Update,          Allowed,     "" },
        { Admin,      Private,  Delete,          Allowed,     "" },
        { Admin,      Private,  Share,           Allowed,     "" },
        { Admin,      Private,  Open,            Allowed,     "" },
        { Admin,      Private,  SetThumbnail,    Allowed,     "" },
        { Admin,      Private,  RemoveThumbnail, Allowed,     "" },
        { Admin,      Shared,   Update,          Allowed,     "" },
        { Admin,      Shared,   Delete,          Allowed,     "" },
        { Admin,      Shared,   Share,           Allowed,     "" },
        { Admin,      Shared,   Open,            Allowed,     "" },
        { Admin,      Shared,   SetThumbnail,    Allowed,     "" },
        { Admin,      Shared,   RemoveThumbnail, Allowed,     "" },
        { Admin,      Default,  Update,          ReadOnly,    DefaultsAreReadOnly },
        { Admin,      Default,  Delete,          ReadOnly,    DefaultsAreReadOnly },
        { Admin,      Default,  Share,           ReadOnly,    DefaultsAreReadOnly },
        { Admin,      Default,  Open,            Allowed,     "" },
        { Admin,      Default,  SetThumbnail,    ReadOnly,    DefaultsAreReadOnly },
        { Admin,      Default,  RemoveThumbnail, ReadOnly,    DefaultsAreReadOnly },
        { Admin,      Legacy,   Update,          Allowed,     "" },
        { Admin,      Legacy,   Delete,          Allowed,     "" },
        { Admin,      Legacy,   Share,           Allowed,     "" },
        { Admin,      Legacy,   Open,            Allowed,     "" },
        { Admin,      Legacy,   SetThumbnail,    Allowed,     "" },
        { Admin,      Legacy,   RemoveThumbnail, Allowed,     "" },

        { SingleUser, Default,  Update,          ReadOnly,    DefaultsAreReadOnly },
        { SingleUser, Default,  Delete,          ReadOnly,    DefaultsAreReadOnly },
        { SingleUser, Default,  Share,           ReadOnly,    DefaultsAreReadOnly },
        { SingleUser, Default,  Open,            Allowed,     "" },
        { SingleUser, Default,  SetThumbnail,    ReadOnly,    DefaultsAreReadOnly },
        { SingleUser, Default,  RemoveThumbnail, ReadOnly,    DefaultsAreReadOnly },
        { SingleUser, Legacy,   Update,          Allowed,     "" },
        { SingleUser, Legacy,   Delete,          Allowed,     "" },
        { SingleUser, Legacy,   Share,           Allowed,     "" },
        { SingleUser, Legacy,   Open,            Allowed,     "" },
        { SingleUser, Legacy,   SetThumbnail,    Allowed,     "" },
        { SingleUser, Legacy,   RemoveThumbnail, Allowed,     "" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Change_ByCaller_OnKindOfWorkflow_BreaksTheExpectedRuleOrIsMade(
        string caller, string kind, string change, string brokenRule, string detail)
    {
        var workflow = WorkflowOfKind(kind, withThumbnail: change == RemoveThumbnail);
        var before = Snapshot.Of(workflow);

        var act = () => Apply(workflow, change, ActorFor(caller));

        if (brokenRule == Allowed)
        {
            act.Should().NotThrow();
            if (change != Delete)
            {
                Snapshot.Of(workflow).Should().NotBe(before, "an allowed {0} changes the workflow", change);
            }
        }
        else
        {
            var rule = act.Should().Throw<BusinessRuleViolationException>().Which.BrokenRule;
            rule.GetType().Name.Should().Be(brokenRule);
            rule.Kind.Should().Be(RuleViolationKind.Forbidden);
            rule.Message.Should().Be(detail);
            Snapshot.Of(workflow).Should().Be(before, "a refused {0} changes nothing", change);
        }
    }

    private static Actor ActorFor(string caller) => caller switch
    {
        Owner => new Actor("owner", IsAdmin: false),
        Other => new Actor("other", IsAdmin: false),
        Admin => new Actor("admin", IsAdmin: true),
        SingleUser => Actor.SystemAdministrator,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    private static Workflow WorkflowOfKind(string kind, bool withThumbnail)
    {
        var workflow = kind switch
        {
            Private => Workflow.Create(new Actor("owner", IsAdmin: false), Document(), isPublic: false, Created),
            Shared => Workflow.Create(new Actor("owner", IsAdmin: false), Document(), isPublic: true, Created),
            Default => Workflow.CreateDefault("default_portrait", Document(category: WorkflowCategory.Default), withThumbnail, Created),
            Legacy => Workflow.Create(Actor.SystemAdministrator, Document(), isPublic: true, Created),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        // A thumbnail to remove, so that removing it is a visible change.
        if (withThumbnail && kind != Default)
        {
            workflow.SetThumbnail(Actor.SystemAdministrator);
        }

        return workflow;
    }

    private static void Apply(Workflow workflow, string change, Actor actor)
    {
        switch (change)
        {
            case Update:
                workflow.Update(actor, Document(name: "Changed"), Later);
                break;
            case Delete:
                workflow.Delete(actor);
                break;
            case Share:
                workflow.SetShared(actor, !workflow.IsPublic, Later);
                break;
            case Open:
                workflow.MarkOpened(actor, Later);
                break;
            case SetThumbnail:
                workflow.SetThumbnail(actor);
                break;
            case RemoveThumbnail:
                workflow.RemoveThumbnail(actor);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private static WorkflowDocument Document(string name = "Workflow", WorkflowCategory category = WorkflowCategory.User) =>
        new(name, "author", "description", "1.0.0", "", "portrait", "", [], new WorkflowMeta("3.0.0", category),
            JsonSerializer.SerializeToElement(Array.Empty<object>()), JsonSerializer.SerializeToElement(Array.Empty<object>()), null);

    private sealed record Snapshot(string Name, string Document, bool IsPublic, DateTime? OpenedAt, DateTime UpdatedAt, bool HasThumbnail)
    {
        public static Snapshot Of(Workflow w) => new(w.Name, w.Document, w.IsPublic, w.OpenedAt, w.UpdatedAt, w.HasThumbnail);
    }
}
