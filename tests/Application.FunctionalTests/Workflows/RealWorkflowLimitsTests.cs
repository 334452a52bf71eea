using System.Text.Json;
using Invoke.Application.Errors;
using Invoke.Application.Workflows;
using Invoke.Domain.Workflows;
using Invoke.Infrastructure.Workflows;
using Invoke.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Invoke.Application.FunctionalTests.Workflows;

/// <summary>
/// The text limits refuse no real workflow: every default this server ships, the sample workflows
/// and every workflow (defaults included) in the database of an installation InvokeAI made, checked
/// by the validator the create and update requests use and by the importer's check.
/// </summary>
public sealed class RealWorkflowLimitsTests
{
    [Fact]
    public void EveryShippedDefaultWorkflow_IsWithinTheLimits()
    {
        var defaults = new EmbeddedDefaultWorkflowCatalog().Workflows;

        defaults.Should().NotBeEmpty();
        foreach (var workflow in defaults)
        {
            ShouldPass(workflow.Id, workflow.Document);
        }
    }

    [Fact]
    public void EverySampleWorkflowFromInvokeAi_IsWithinTheLimits()
    {
        var folder = SharedArtifacts.Require("fixtures", "workflows");
        var files = Directory.GetFiles(folder, "*.json");

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            ShouldPass(Path.GetFileName(file), Read(json.RootElement));
        }
    }

    [Fact]
    public async Task EveryWorkflowInAnInvokeAiDatabase_IsWithinTheLimits()
    {
        var original = Path.Combine(SharedArtifacts.InvokeAiRoot, "databases", "invokeai.db");
        var copy = Path.Combine(Path.GetTempPath(), "invoke-ft-limits-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(original, copy);
        File.SetAttributes(copy, FileAttributes.Normal);
        try
        {
            var checkedWorkflows = 0;
            await using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var select = connection.CreateCommand();
                select.CommandText = "SELECT workflow_id, workflow FROM workflow_library";
                await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    using var json = JsonDocument.Parse(reader.GetString(1));
                    ShouldPass(reader.GetString(0), Read(json.RootElement));
                    checkedWorkflows++;
                }
            }

            checkedWorkflows.Should().BeGreaterThan(40, "the fixture holds InvokeAI's 26 defaults and its users' workflows");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static WorkflowDocument Read(JsonElement json)
    {
        var errors = new List<RequestValidationError>();
        var document = WorkflowDocumentReader.Read(json, ["workflow"], errors);
        errors.Should().BeEmpty();
        return document!;
    }

    private static void ShouldPass(string name, WorkflowDocument document)
    {
        var result = new WorkflowDocumentValidator().Validate(document);
        result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").Should().BeEmpty($"{name} is a real workflow");
        WorkflowLimits.Violations(document).Should().BeEmpty($"{name} is a real workflow");
    }
}
