using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>Preset identity travels with the figures: ids and names come from the presets, enums have one spelling.</summary>
public class IdentityTests
{
    [Fact]
    public void AdHocCluster_JsonNamesItAndItsGpuById()
    {
        JsonElement cluster = Cli.Json("plan", "llama-3.1-8b", "--gpu", "a100-80gb", "--gpus", "16", "--top", "1", "--format", "json").GetProperty("cluster");

        Assert.Equal("a100-80gb-x16", cluster.GetProperty("id").GetString());
        Assert.Equal("16 x NVIDIA A100 SXM4 80GB (8 per server)", cluster.GetProperty("name").GetString());
        Assert.Equal("a100-80gb", cluster.GetProperty("gpu").GetProperty("id").GetString());
        Assert.Equal(16, cluster.GetProperty("gpuCount").GetInt32());
    }

    [Fact]
    public void PresetCluster_JsonKeepsItsIdNameAndSource()
    {
        JsonElement plan = Cli.Json("plan", "llama-3.1-70b", "h100x64", "--top", "1", "--format", "json");

        Assert.Equal("h100x64", plan.GetProperty("cluster").GetProperty("id").GetString());
        Assert.Equal("h100-sxm", plan.GetProperty("cluster").GetProperty("gpu").GetProperty("id").GetString());
        Assert.StartsWith("NVIDIA DGX H100", plan.GetProperty("cluster").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("llama-3.1-70b", plan.GetProperty("model").GetProperty("id").GetString());
        Assert.Equal("Llama-3.1-70B", plan.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public void Json_UnstatedEfficiencyIsNullNotZero()
    {
        // The L40S states no kernel figures; the H100 states its measured ones.
        JsonElement gpu = Cli.Json("plan", "llama-3.1-8b", "--gpu", "l40s", "--gpus", "8", "--top", "1", "--format", "json").GetProperty("cluster").GetProperty("gpu");
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("matmulEfficiency").ValueKind);
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("attentionEfficiency").ValueKind);
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("scaleUpEfficiency").ValueKind);

        JsonElement h100 = Cli.Json("plan", "--top", "1", "--format", "json").GetProperty("cluster").GetProperty("gpu");
        Assert.Equal(0.45, h100.GetProperty("attentionEfficiency").GetDouble());
    }

    [Fact]
    public void Json_EnumsUseTheOneSpelling()
    {
        JsonElement plan = Cli.Json("plan", "llama-3.1-8b", "h100x8", "--grad-dtype", "fp32-with-bf16-copy", "--all", "--format", "json");

        Assert.Equal("fp32-with-bf16-copy", plan.GetProperty("training").GetProperty("gradientDtype").GetString());
        string[] constraints = plan.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("failedConstraint").GetString()!).Distinct().ToArray();
        Assert.Contains("none", constraints);
        Assert.All(constraints, c => Assert.Matches("^[a-z]+(-[a-z]+)*$", c));
        Assert.All(plan.GetProperty("strategies").EnumerateArray(), s => Assert.Contains(s.GetProperty("recompute").GetString(), Spelling.All<RecomputeMode>()));
    }

    [Fact]
    public void ModifiedPreset_SaysSoInItsName()
    {
        JsonElement model = Cli.Json("plan", "llama-3.1-8b", "h100x8", "--layers", "16", "--top", "1", "--format", "json").GetProperty("model");

        Assert.Equal("llama-3.1-8b", model.GetProperty("id").GetString());
        Assert.Equal("Llama-3.1-8B (modified)", model.GetProperty("name").GetString());
        Assert.Equal(16, model.GetProperty("layers").GetInt32());
    }
}
