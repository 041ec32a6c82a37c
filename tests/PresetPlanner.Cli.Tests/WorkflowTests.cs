using System.Globalization;
using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>A Hugging Face config in, time to train and cost out, and every command's JSON and CSV readable by machines.</summary>
public class WorkflowTests
{
    private static string Config(string name) => Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", name);

    [Theory]
    [InlineData("llama-3.1-8b.json", "Llama-3.1-8B (8.03B parameters")]
    [InlineData("mixtral-8x7b.json", "Mixtral-8x7B-v0.1 (46.7B parameters")]
    [InlineData("qwen3-30b-a3b.json", "qwen3-30b-a3b (30.5B parameters")]
    [InlineData("gemma-3-1b.json", "gemma-3-1b (1000M parameters, 26 layers, hidden 1152, 22 of 26 attention layers within a 512-token window)")]
    [InlineData("gemma-3-27b.json", "gemma-3-27b (27.0B parameters, 62 layers, hidden 5376, 52 of 62 attention layers within a 1024-token window)")]
    [InlineData("llama-4-scout.json", "llama-4-scout (108B parameters, 48 layers, hidden 5120, 36 of 48 attention layers within chunks of 8192 tokens)")]
    public void Plan_HuggingFaceConfig_PrintsTheModelCardsParameters(string file, string expected)
    {
        (int exit, string stdout, _) = Cli.Run("plan", Config(file), "h100x64", "--top", "1");
        Assert.Equal(0, exit);
        Assert.StartsWith(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WindowedConfig_CarriesItsWindowIntoTheJson()
    {
        JsonElement model = Cli.Json(["plan", Config("gemma-3-27b.json"), "h100x64", "--top", "1", "--format", "json"]).GetProperty("model");
        JsonElement window = model.GetProperty("window");
        Assert.Equal(1024, window.GetProperty("size").GetInt32());
        Assert.False(window.GetProperty("chunked").GetBoolean());
        Assert.Equal(6, window.GetProperty("globalEvery").GetInt32());
    }

    [Fact]
    public void Evaluate_ConfigOfAPreset_SameFiguresAsThePreset()
    {
        string[] layout = ["h100x64", "--tp", "2", "--pp", "1", "--ep", "8", "--format", "json"];
        JsonElement fromConfig = Cli.Json(["evaluate", Config("mixtral-8x7b.json"), .. layout]).GetProperty("strategy");
        JsonElement fromPreset = Cli.Json(["evaluate", "mixtral-8x7b", .. layout]).GetProperty("strategy");
        Assert.Equal(fromPreset.GetProperty("stepTimeSeconds").GetDouble(), fromConfig.GetProperty("stepTimeSeconds").GetDouble());
        Assert.Equal(fromPreset.GetProperty("memory").GetProperty("total").GetDouble(), fromConfig.GetProperty("memory").GetProperty("total").GetDouble());
    }

    [Fact]
    public void ConfigPath_Directory_OneLineExit2() =>
        Cli.AssertUsageError("is a directory, not a file", "plan", Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs"));

    [Fact]
    public void ConfigPath_Missing_OneLineExit2() =>
        Cli.AssertUsageError("missing.json' does not exist", "plan", Config("missing.json"));

    [Fact]
    public void ConfigPath_NotJson_OneLineExit2() =>
        Cli.AssertUsageError("README.md is not valid JSON", "plan", Config("README.md"));

    [Fact]
    public void ConfigPath_NemotronH_PlansLikeThePreset()
    {
        // The hybrid config plans exactly as the compiled nemotron-h-8b preset does.
        (int exit, string fromConfig, _) = Cli.Run("plan", Config("nemotron-h-8b.json"), "h100x8", "--format", "csv", "--top", "3");
        (int presetExit, string fromPreset, _) = Cli.Run("plan", "nemotron-h-8b", "h100x8", "--format", "csv", "--top", "3");
        Assert.Equal(0, exit);
        Assert.Equal(0, presetExit);
        Assert.Equal(fromPreset, fromConfig);
    }

    [Fact]
    public void ConfigPath_WrongType_NamesTheField()
    {
        using var file = new TempFile(File.ReadAllText(Config("llama-3.1-8b.json")).Replace("\"hidden_size\": 4096", "\"hidden_size\": \"4096\"", StringComparison.Ordinal));

        Cli.AssertUsageError(file.Path + ": hidden_size must be a whole number, not a string", "plan", file.Path);
    }

    [Fact]
    public void Plan_Tokens_TimeToTrainOfTheRecommendationInTableJsonAndCsv()
    {
        (int exit, string table, _) = Cli.Run("plan", "--tokens", "15T", "--gpu-hour-price", "2.5");
        Assert.Equal(0, exit);
        Assert.Matches("Time to train, recommended layout: 15T tokens: [0-9,.]+ days on 64 GPUs, [0-9,]+ GPU-hours, [0-9,.]+ MWh of GPU board energy \\(700 W per GPU", table);

        JsonElement plan = Cli.Json("plan", "--tokens", "15T", "--gpu-hour-price", "2.5", "--format", "json");
        JsonElement rec = plan.GetProperty("recommended");
        JsonElement t = rec.GetProperty("timeToTrain");
        double seconds = 15e12 / (rec.GetProperty("tokensPerSecondPerGpu").GetDouble() * 64);
        Assert.Equal(seconds / 86400, t.GetProperty("days").GetDouble(), 1e-6);
        Assert.Equal(64 * seconds / 3600 * 2.5, t.GetProperty("cost").GetDouble(), 1e-3);
        Assert.Equal(64 * 700 * seconds / 3.6e9, t.GetProperty("energyMegawattHours").GetDouble(), 1e-6);

        (_, string csv, _) = Cli.Run("plan", "--tokens", "15T", "--format", "csv", "--top", "2");
        string[][] rows = CsvLines.Parse(csv);
        int days = Array.IndexOf(rows[0], "trainingDays");
        Assert.True(days > 0);
        Assert.True(double.Parse(rows[1][days], CultureInfo.InvariantCulture) > 0);
        Assert.Equal(string.Empty, rows[1][Array.IndexOf(rows[0], "cost")]);
    }

    [Fact]
    public void Sweep_Tokens_DaysFallAndTheTimeCostFrontIsMarked()
    {
        JsonElement sweep = Cli.Json("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..128", "--gbs", "1024", "--tokens", "1T", "--gpu-hour-price", "2", "--format", "json");
        JsonElement[] points = sweep.GetProperty("points").EnumerateArray().ToArray();
        double[] days = points.Select(p => p.GetProperty("best").GetProperty("timeToTrain").GetProperty("days").GetDouble()).ToArray();
        Assert.True(days[^1] < days[0] / 8, $"{days[0]} days on 8 GPUs, {days[^1]} on 128");
        Assert.Contains(points, p => p.GetProperty("timeCostFront").GetBoolean());
    }

    [Fact]
    public void GpuHourPrice_WithoutTokens_OneLineExit2() =>
        Cli.AssertUsageError("--gpu-hour-price prices a training budget: give --tokens too", "plan", "--gpu-hour-price", "2");

    [Theory]
    [InlineData("15Q")]
    [InlineData("0")]
    [InlineData("1e300")]
    [InlineData("-5T")]
    public void Tokens_Bad_OneLineExit2(string tokens) => Cli.AssertUsageError("--tokens: ", "plan", "--tokens", tokens);

    [Fact]
    public void MinGpusAndMaxSeq_JsonIsOneDocumentAndCsvIsData()
    {
        JsonElement min = Cli.Json("min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--format", "json");
        Assert.Equal("min-gpus", min.GetProperty("command").GetString());
        Assert.True(min.GetProperty("gpus").GetInt32() > 0);

        JsonElement seq = Cli.Json("max-seq", "llama-3.1-8b", "h100x8", "--gbs", "64", "--format", "json");
        Assert.Equal("max-seq", seq.GetProperty("command").GetString());
        Assert.Equal(seq.GetProperty("sequence").GetInt32(), seq.GetProperty("best").GetProperty("sequenceLength").GetInt32());

        (int exit, string csv, _) = Cli.Run("max-seq", "llama-3.1-8b", "h100x8", "--gbs", "64", "--format", "csv");
        Assert.Equal(0, exit);
        string[][] rows = CsvLines.Parse(csv);
        Assert.Equal(2, rows.Length);
        Assert.Equal("sequence", rows[0][0]);
        Assert.Equal(seq.GetProperty("sequence").GetInt32(), int.Parse(rows[1][0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MinGpus_NothingFits_Exit1WithJsonAnswerNull()
    {
        (int exit, string stdout, _) = Cli.Run("min-gpus", "deepseek-v3", "--gpu", "h100-sxm", "--max-gpus", "8", "--format", "json");
        Assert.Equal(1, exit);
        JsonElement doc = JsonDocument.Parse(stdout).RootElement;
        Assert.False(doc.GetProperty("found").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("best").ValueKind);
    }
}
