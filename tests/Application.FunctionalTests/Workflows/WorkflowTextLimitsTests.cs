using Invoke.Application.FunctionalTests.Testing;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Domain.Workflows.Specifications;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// Every free-text field of a workflow document is bounded (issue 10, item 5), on create and
/// update alike, with a Pydantic error naming the field. Real workflows are far inside the limits:
/// see <see cref="RealWorkflowLimitsTests"/>.
/// </summary>
public abstract class WorkflowTextLimitsTests(TestDatabase database) : FunctionalTest(database)
{
    public static TheoryData<string, int> Fields => new()
    {
        { "author", WorkflowLimits.MaxAuthorLength },
        { "description", WorkflowLimits.MaxDescriptionLength },
        { "version", WorkflowLimits.MaxVersionLength },
        { "contact", WorkflowLimits.MaxContactLength },
        { "tags", WorkflowLimits.MaxTagsTextLength },
        { "notes", WorkflowLimits.MaxNotesLength },
        { "meta.version", WorkflowLimits.MaxMetaVersionLength },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Create_WhenAFieldIsOneCharacterTooLong_FailsValidationNamingTheFieldAndStoresNothing(string field, int maxLength)
    {
        var act = () => SendAsync(new CreateWorkflowCommand(With(field, maxLength + 1)));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("string_too_long");
        error.Loc.Should().Equal(["body", "workflow", .. field.Split('.')]);
        error.Msg.Should().Be($"String should have at most {maxLength} characters");
        error.Ctx.Should().Contain("max_length", maxLength);
        (await UserWorkflowCountAsync()).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Update_WhenAFieldIsOneCharacterTooLong_FailsValidationAndKeepsTheDocument(string field, int maxLength)
    {
        var created = await GivenSingleUserWorkflowAsync();

        var act = () => SendAsync(new UpdateWorkflowCommand(created.WorkflowId, created.WorkflowId, With(field, maxLength + 1)));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Loc.Should().Equal(["body", "workflow", .. field.Split('.')]);
        (await StoredWorkflowAsync(created.WorkflowId)).Document.Should().Be(created.Workflow.Json);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Create_WhenAFieldIsExactlyAtItsLimit_IsStored(string field, int maxLength)
    {
        var document = field == "tags" ? WorkflowDocuments.Create(tags: TagsAtEveryLimit()) : With(field, maxLength);

        var created = await SendAsync(new CreateWorkflowCommand(document));

        (await StoredWorkflowAsync(created.WorkflowId)).Document.Should().Be(document.ToJson(created.WorkflowId));
    }

    [Fact]
    public async Task Create_WithMoreTagsThanTheLimit_FailsValidationOnTags()
    {
        var tags = string.Join(", ", Enumerable.Range(0, WorkflowLimits.MaxTagCount + 1).Select(i => $"t{i}"));

        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(tags: tags)));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "workflow", "tags");
        error.Msg.Should().Contain($"At most {WorkflowLimits.MaxTagCount} tags");
    }

    [Fact]
    public async Task Create_WithFewTagsThatTogetherAreTooLong_FailsValidationOnTags()
    {
        var tags = string.Join(",", Enumerable.Repeat(new string('x', 200), 6));

        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(tags: tags)));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("value_error");
        error.Loc.Should().Equal("body", "workflow", "tags");
        error.Msg.Should().Contain($"at most {WorkflowLimits.MaxTagsLength} characters");
    }

    [Fact]
    public async Task Update_OfASharedWorkflowAtTheTagLimits_WithTheDocumentSharingWrote_IsAccepted()
    {
        var tags = TagsAtEveryLimit();
        var created = await GivenWorkflowAsync("user-1", WorkflowDocuments.Create(tags: tags));
        RunAsUser("user-1");
        var shared = await SendAsync(new SetWorkflowSharingCommand(created.WorkflowId, IsPublic: true));
        var sharedTags = (await StoredWorkflowAsync(created.WorkflowId)).Tags;
        sharedTags.Length.Should().BeGreaterThan(WorkflowLimits.MaxTagsLength, "sharing adds the shared tag beyond the limit");

        var updated = await SendAsync(new UpdateWorkflowCommand(created.WorkflowId, created.WorkflowId, WorkflowDocuments.Create(name: "Renamed", tags: sharedTags)));

        updated.Name.Should().Be("Renamed");
        shared.IsPublic.Should().BeTrue();
    }

    [Fact]
    public async Task Create_WhenAnExposedFieldNameIsTooLong_FailsValidationAtItsIndex()
    {
        var document = WorkflowDocuments.Create() with
        {
            ExposedFields = [new ExposedField("noise-1", "seed"), new ExposedField("noise-1", new string('f', WorkflowLimits.MaxExposedFieldTextLength + 1))],
        };

        var act = () => SendAsync(new CreateWorkflowCommand(document));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Type.Should().Be("string_too_long");
        error.Loc.Should().Equal("body", "workflow", "exposedFields", 1, "fieldName");
    }

    [Fact]
    public async Task Create_WithAMegabyteDescription_IsRefusedBeforeAnythingIsStored()
    {
        var act = () => SendAsync(new CreateWorkflowCommand(WorkflowDocuments.Create(description: new string('d', 1 << 20))));

        var error = (await act.ShouldFailValidationAsync()).Should().ContainSingle().Subject;
        error.Loc.Should().Equal("body", "workflow", "description");
        (await UserWorkflowCountAsync()).Should().Be(0);
    }

    /// <summary>
    /// The most tags, as long as they may be together (998 characters joined by ", "), padded with
    /// empty entries to the longest <c>tags</c> text.
    /// </summary>
    private static string TagsAtEveryLimit()
    {
        var tags = string.Join(", ", Enumerable.Range(0, WorkflowLimits.MaxTagCount).Select(i => $"tag{i:D2}-".PadRight(18, 'x')));
        WorkflowLimits.TagsLength(tags).Should().BeInRange(WorkflowLimits.MaxTagsLength - 2, WorkflowLimits.MaxTagsLength);
        return tags + new string(',', WorkflowLimits.MaxTagsTextLength - tags.Length);
    }

    private static WorkflowDocument With(string field, int length)
    {
        var text = new string('a', length);
        var document = WorkflowDocuments.Create();
        return field switch
        {
            "author" => document with { Author = text },
            "description" => document with { Description = text },
            "version" => document with { Version = text },
            "contact" => document with { Contact = text },
            "tags" => document with { Tags = text },
            "notes" => document with { Notes = text },
            // A valid semantic version of the given length: 1.0.0-aaa…
            "meta.version" => document with { Meta = document.Meta with { Version = "1.0.0-" + new string('a', length - 6) } },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
    }

    private async Task<int> UserWorkflowCountAsync() =>
        (await SendAsync(new ListWorkflowsQuery(new WorkflowFilter([WorkflowCategory.User])))).Items.Count;
}

[Collection(SqliteCollection.Name)]
public sealed class WorkflowTextLimitsTestsOnSqlite(SqliteTestDatabase database) : WorkflowTextLimitsTests(database);

[Collection(PostgresCollection.Name)]
public sealed class WorkflowTextLimitsTestsOnPostgres(PostgresTestDatabase database) : WorkflowTextLimitsTests(database);
