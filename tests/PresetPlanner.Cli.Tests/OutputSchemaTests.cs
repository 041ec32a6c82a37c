using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PresetPlanner.Cli.Tests;

/// <summary>Every command's <c>--format json</c> is one document valid against docs/output.schema.json.</summary>
public class OutputSchemaTests
{
    private static readonly JsonSchema s_schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Root, "docs", "output.schema.json")));

    public static TheoryData<string[]> Commands() => new()
    {
        { ["plan", "--top", "3"] },
        { ["plan", "--top", "2", "--tokens", "15T", "--gpu-hour-price", "2", "--stats", "--pareto"] },
        { ["plan", "deepseek-v3", "h100x8", "--top", "2"] },
        { ["plan", "mixtral-8x7b", "h100x64", "--top", "20", "--only-feasible"] },
        { ["plan", Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", "llama-4-scout.json"), "h100x64", "--top", "2"] },
        { ["evaluate", "--tp", "8", "--pp", "4", "--tokens", "1T"] },
        { ["evaluate", "deepseek-v3", "h100x64", "--tp", "8", "--pp", "8", "--ep", "8"] },
        { ["evaluate", "qwen3-30b-a3b", "b200x8", "--run", Path.Combine(Repository.Root, "tests", "fixtures", "launch", "qwen3-30b-bridge.txt")] },
        { ["plan", "--framework", "deepspeed", "--top", "2"] },
        { ["min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm"] },
        { ["min-gpus", "deepseek-v3", "--gpu", "h100-sxm", "--max-gpus", "8"] },
        { ["max-seq", "llama-3.1-8b", "h100x8", "--gbs", "64"] },
        { ["sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..64", "--tokens", "1T"] },
        { ["sweep", "deepseek-v3", "--gpu", "h100-sxm", "--gpus", "8..16"] },
        { ["list", "models"] },
        { ["list", "gpus"] },
        { ["list", "clusters"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Json_EveryCommand_ValidatesAgainstTheSchema(string[] command)
    {
        (int exit, string stdout, string stderr) = Cli.Run([.. command, "--format", "json"]);
        Assert.True(exit is 0 or 1, stderr);
        JsonElement document = JsonDocument.Parse(stdout).RootElement;
        EvaluationResults result = s_schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20)));
    }

    [Fact]
    public void Schema_RejectsADocumentWithAMistypedField()
    {
        (_, string stdout, _) = Cli.Run("evaluate", "--tp", "8", "--pp", "4", "--format", "json");
        JsonNode document = JsonNode.Parse(stdout)!;
        document["strategy"]!["tp"] = "eight";
        Assert.False(s_schema.Evaluate(Element(document)).IsValid);
        document["strategy"]!["tp"] = 8;
        Assert.True(s_schema.Evaluate(Element(document)).IsValid);
        document["schemaVersion"] = 2;
        Assert.False(s_schema.Evaluate(Element(document)).IsValid);
    }

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
