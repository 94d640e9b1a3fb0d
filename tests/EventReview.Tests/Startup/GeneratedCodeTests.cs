using EventReview.Hosting;
using JasperFx.CodeGeneration;
using Shouldly;

namespace EventReview.Tests.Startup;

/// <summary>Generating code flips a process-wide Wolverine switch, so these run apart from every host-starting test.</summary>
[CollectionDefinition(nameof(GeneratedCodeTests), DisableParallelization = true)]
public sealed class GeneratedCodeCollection;

[Collection(nameof(GeneratedCodeTests))]
public class GeneratedCodeTests
{
    private static string CommittedFolder =>
        GeneratedCode.FindCommittedFolder(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no source checkout above the test binaries");

    [Fact]
    public async Task The_committed_code_is_exactly_what_the_application_generates()
    {
        var stale = GeneratedCode.Compare(await GeneratedCode.GenerateAsync(), GeneratedCode.Read(CommittedFolder));

        stale.ShouldBeEmpty($"stale generated code in {CommittedFolder}: {string.Join(", ", stale)}; {GeneratedCode.RegenerateHint}");
        DynamicCodeBuilder.WithinCodegenCommand.ShouldBeFalse();
    }

    [Fact]
    public async Task Every_endpoint_class_is_in_the_generated_registry_so_none_is_silently_missing()
    {
        var registry = (await GeneratedCode.GenerateAsync())["WolverineHandlers/GeneratedHttpEndpointRegistry.cs"];

        var endpoints = typeof(EventReviewApp).Assembly.GetTypes().Where(t => t.Name.EndsWith("Endpoint", StringComparison.Ordinal) && t.IsClass);
        endpoints.ShouldNotBeEmpty();
        endpoints.Where(t => !registry.Contains($"typeof({t.FullName})", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void A_changed_a_new_and_a_removed_file_are_each_named()
    {
        var generated = new Dictionary<string, string> { ["A.cs"] = "a", ["B.cs"] = "b2", ["New.cs"] = "n" };
        var committed = new Dictionary<string, string> { ["A.cs"] = "a", ["B.cs"] = "b1", ["Gone.cs"] = "g" };

        GeneratedCode.Compare(generated, committed).ShouldBe(["B.cs", "Gone.cs", "New.cs"]);
    }

    [Fact]
    public void Write_brings_a_folder_in_line_and_then_nothing_is_stale()
    {
        var folder = Directory.CreateTempSubdirectory("eventreview-codegen-test-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Gone.cs"), "g");
            var generated = new Dictionary<string, string> { ["WolverineHandlers/A.cs"] = "a" };

            GeneratedCode.Write(folder, generated).ShouldBe(["Gone.cs", "WolverineHandlers/A.cs"]);
            GeneratedCode.Read(folder).ShouldBe(generated);
            GeneratedCode.Write(folder, generated).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
