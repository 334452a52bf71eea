using Invoke.Benchmarks.Soak;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// The checks of the soak run (bench/soak.sh) on fabricated logs of acknowledged changes and
/// fabricated final states: each kind of lost or reverted change is reported, races whose order is
/// unknowable are not.
/// </summary>
public sealed class SoakCheckTests
{
    private const string Id = "wf-1";

    private static LoggedChange Created(long sent = 0, long received = 1) =>
        new(Change.Create, Id, sent, received, Outcome.Acked, Name: "first");

    private static StoredWorkflow Stored(string name = "first", bool isPublic = false, bool opened = false, bool thumbnail = false, int version = 1) =>
        new(Id, name, name, "", "", isPublic, opened, thumbnail, version);

    private static List<string> Check(StoredWorkflow? final, params LoggedChange[] changes) =>
        AckLog.Check(changes, final is null ? new Dictionary<string, StoredWorkflow>() : new Dictionary<string, StoredWorkflow> { [Id] = final });

    [Fact]
    public void AShareAcknowledgedAfterAnother_ThatIsRevertedInTheDatabase_IsReported()
    {
        var violations = Check(Stored(isPublic: true),
            Created(),
            new LoggedChange(Change.Share, Id, 2, 3, Outcome.Acked, IsPublic: true),
            new LoggedChange(Change.Share, Id, 4, 5, Outcome.Acked, IsPublic: false));

        violations.Should().ContainSingle().Which.Should().Contain("is_public is 'True'");
    }

    [Fact]
    public void TwoOverlappingShares_EitherFinalValueIsAccepted()
    {
        LoggedChange[] changes =
        [
            Created(),
            new(Change.Share, Id, 2, 6, Outcome.Acked, IsPublic: true),
            new(Change.Share, Id, 3, 5, Outcome.Acked, IsPublic: false),
        ];

        Check(Stored(isPublic: true), changes).Should().BeEmpty();
        Check(Stored(isPublic: false), changes).Should().BeEmpty();
    }

    [Fact]
    public void ADocumentEditRevertedByALaterChange_IsReported_UnlessAnUnansweredEditMayHaveWon()
    {
        var acked = new LoggedChange(Change.Update, Id, 2, 3, Outcome.Acked, Name: "second");

        Check(Stored(name: "first"), Created(), acked).Should().ContainSingle().Which.Should().Contain("name is 'first'");
        Check(Stored(name: "third"), Created(), acked, new LoggedChange(Change.Update, Id, 4, 9, Outcome.Unknown, Name: "third"))
            .Should().BeEmpty();
        Check(Stored(name: "third"), Created(), acked, new LoggedChange(Change.Update, Id, 4, 9, Outcome.Refused, Name: "third"))
            .Should().ContainSingle();
    }

    [Fact]
    public void AnAcknowledgedDelete_OfAWorkflowStillStored_OrAChangeAcknowledgedAfterIt_IsReported()
    {
        var deleted = new LoggedChange(Change.Delete, Id, 2, 3, Outcome.Acked);

        Check(Stored(), Created(), deleted).Should().ContainSingle().Which.Should().Contain("still stored");
        Check(null, Created(), deleted, new LoggedChange(Change.Share, Id, 4, 5, Outcome.Acked, IsPublic: true))
            .Should().ContainSingle().Which.Should().Contain("after the workflow's deletion");
        Check(null, Created(), deleted).Should().BeEmpty();
    }

    [Fact]
    public void AnAcknowledgedCreate_MissingWithoutAnyDelete_IsReported()
    {
        Check(null, Created()).Should().ContainSingle().Which.Should().Contain("not stored");
        Check(null, Created(), new LoggedChange(Change.Delete, Id, 2, 3, Outcome.Unknown)).Should().BeEmpty();
    }

    [Fact]
    public void OneVersionAnsweredWithTwoStates_AStoredVersionOlderThanAnAnswer_AndALostOpen_AreReported()
    {
        var violations = Check(Stored(name: "b", version: 3),
            Created(),
            new LoggedChange(Change.Update, Id, 2, 3, Outcome.Acked, Name: "a", Version: 4, ReportedName: "a", ReportedIsPublic: false),
            new LoggedChange(Change.Update, Id, 2, 4, Outcome.Acked, Name: "b", Version: 4, ReportedName: "b", ReportedIsPublic: false),
            new LoggedChange(Change.Open, Id, 5, 6, Outcome.Acked));

        violations.Should().HaveCount(3);
        violations.Should().Contain(v => v.Contains("version 4 was answered with 2 different states", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("older than an acknowledged version 4", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains("opened_at is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void ANameColumnThatDisagreesWithTheDocument_IsReported()
    {
        var final = new StoredWorkflow(Id, "first", "edited", "a", "a", false, false, false, 2);

        Check(final, Created()).Should().ContainSingle().Which.Should().Contain("the name column says 'first', the document 'edited'");
    }
}
