using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

public class EvaluateAndListTests
{
    [Fact]
    public void Evaluate_Json_OneStrategyWithBreakdown()
    {
        JsonElement s = Cli.Json("evaluate", "gpt-3-175b", "a100x1024", "--tp", "8", "--pp", "16", "--seq", "2048", "--gbs", "1536",
            "--zero", "0", "--recompute", "full", "--no-sp", "--format", "json").GetProperty("strategy");

        Assert.Equal(8, s.GetProperty("tp").GetInt32());
        Assert.Equal(16, s.GetProperty("pp").GetInt32());
        Assert.Equal(8, s.GetProperty("dp").GetInt32());
        Assert.Equal(192, s.GetProperty("microBatches").GetInt32());
        Assert.False(s.GetProperty("sequenceParallel").GetBoolean());
        Assert.True(s.GetProperty("fits").GetBoolean());
        Assert.Equal("scale-up", s.GetProperty("communication").GetProperty("links").GetProperty("tensorParallel").GetProperty("kind").GetString());
        Assert.Equal("scale-out", s.GetProperty("communication").GetProperty("links").GetProperty("pipelineParallel").GetProperty("kind").GetString());
        Assert.Equal(1, s.GetProperty("communication").GetProperty("links").GetProperty("pipelineParallel").GetProperty("scaleOutShare").GetDouble());
        Assert.Equal(15.0 / 192, s.GetProperty("bubbleRatio").GetDouble(), 12);
        // Megatron: 18 bytes per parameter on the most loaded shard of TP8 PP16 (docs/model.md).
        double states = s.GetProperty("memory").GetProperty("weights").GetDouble() + s.GetProperty("memory").GetProperty("gradients").GetDouble()
            + s.GetProperty("memory").GetProperty("optimizer").GetDouble();
        Assert.InRange(states / 1e9, 25.9, 26.5);
    }

    [Fact]
    public void Evaluate_Table_ShowsBreakdownChartCommunicationAndFeasibility()
    {
        (int exit, string stdout, _) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--tp", "8", "--pp", "4", "--recompute", "selective");

        Assert.Equal(0, exit);
        foreach (string part in new[] { "Weights", "Optimizer", "Activations", "Tensor parallel", "scale-up", "scale-out", "Bubble:", "tokens/s per GPU", "Fits: yes" })
        {
            Assert.Contains(part, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_OutOfMemory_ExitsOneAndSaysByHowMuch()
    {
        (int exit, string stdout, _) = Cli.Run("evaluate", "llama-3.1-405b", "h100x8", "--tp", "8", "--pp", "1", "--zero", "0");

        Assert.Equal(1, exit);
        Assert.Matches("Fits: no: activations [0-9.]+ GB \\+ states [0-9.]+ GB \\+ other [0-9.]+ GB = [0-9.]+ GB > 85.9 GB per GPU", stdout);
    }

    [Theory]
    [InlineData("models", "llama-3.1-70b", "layers")]
    [InlineData("gpus", "h100-sxm", "peakBf16FlopsPerSecond")]
    [InlineData("clusters", "h100x64", "gpusPerNode")]
    public void List_Json_EveryPresetWithItsFields(string kind, string id, string field)
    {
        JsonElement list = Cli.Json("list", kind, "--format", "json");

        JsonElement entry = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        Assert.True(entry.TryGetProperty(field, out _));
        Assert.True(entry.GetProperty("source").GetString()!.Length > 20);
        int expected = kind switch { "models" => Presets.Models.Count, "gpus" => Presets.Gpus.Count, _ => Presets.Clusters.Count };
        Assert.Equal(expected, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void List_CsvAndTable_OneRowPerPreset()
    {
        (int exit, string csv, _) = Cli.Run("list", "gpus", "--format", "csv");
        (int exit2, string table, _) = Cli.Run("list", "clusters");

        Assert.Equal(0, exit);
        Assert.Equal(0, exit2);
        Assert.Equal(Presets.Gpus.Count + 1, CsvLines.Parse(csv).Length);
        Assert.Contains("gb200-nvl72x8", table, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ModelsCsv_EveryFieldOfEveryPreset()
    {
        (int exit, string csv, _) = Cli.Run("list", "models", "--format", "csv");
        string[][] rows = CsvLines.Parse(csv);

        Assert.Equal(0, exit);
        Assert.Equal(Presets.Models.Count + 1, rows.Length);
        foreach (string column in new[] { "id", "layers", "kvHeads", "activation", "norm", "positionEmbedding", "statedParameters", "parameters", "moe.experts", "mla.kvLoraRank", "source" })
        {
            Assert.Contains(column, rows[0]);
        }

        string[] deepseek = rows.Single(r => r[0] == "deepseek-v3");
        Assert.Equal("512", deepseek[Array.IndexOf(rows[0], "mla.kvLoraRank")]);
        Assert.Equal("256", deepseek[Array.IndexOf(rows[0], "moe.experts")]);
        Assert.Equal("24", rows.Single(r => r[0] == "nemotron-h-8b")[Array.IndexOf(rows[0], "hybrid.mambaLayers")]);
        Assert.Equal("1024", rows.Single(r => r[0] == "nemotron-3-super")[Array.IndexOf(rows[0], "moe.latentSize")]);
        Assert.Equal("128", rows.Single(r => r[0] == "gpt-oss-120b")[Array.IndexOf(rows[0], "window.size")]);
        Assert.Equal("4", rows.Single(r => r[0] == "llama-4-scout")[Array.IndexOf(rows[0], "window.globalEvery")]);
    }

    [Fact]
    public void List_ModelsTable_ShowsAHybridsLayersByKind()
    {
        (int exit, string table, _) = Cli.Run("list", "models");
        Assert.Equal(0, exit);
        Assert.Contains("gqa, hybrid 24M 4* 24- 0E", table, StringComparison.Ordinal);
        Assert.Contains("gqa, window 128 on 1/2", table, StringComparison.Ordinal);
        Assert.Contains("gqa, chunks 8192 on 3/4", table, StringComparison.Ordinal);
        Assert.Contains("gqa, window 4096 on all", table, StringComparison.Ordinal);
    }

    [Fact]
    public void List_UnknownKind_Exit2() => Cli.AssertUsageError("list: 'tpus' is not models, gpus or clusters", "list", "tpus");
}
