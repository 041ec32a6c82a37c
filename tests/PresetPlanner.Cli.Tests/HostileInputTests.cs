using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>The inputs a review found breaking the command line: each ends in one clear line and exit 2, or a correct answer.</summary>
public class HostileInputTests
{
    private static readonly string[] s_giant = ["plan", "custom", "--layers", "2000000000", "--hidden", "2000000000", "--heads", "1", "--ffn", "2000000000", "--vocab", "2000000000"];

    [Fact]
    public void GiantCustomModel_IsRefusedWithTheFlagNotPlannedWithNegativeFigures()
    {
        Cli.AssertUsageError("--layers is 2000000000 but must be an integer from 1 to 100000", [.. s_giant, "--gpu", "h100-sxm", "--gpus", "8"]);
        Cli.AssertUsageError("--layers is 2000000000", ["min-gpus", .. s_giant[1..], "--gpu", "h100-sxm"]);
        Cli.AssertUsageError("--layers is 2000000000", ["max-seq", .. s_giant[1..], "h100x8"]);
        Cli.AssertUsageError("--layers is 2000000000", ["sweep", .. s_giant[1..], "--gpu", "h100-sxm", "--gpus", "8..64"]);
    }

    [Fact]
    public void HiddenAtIntMax_IsRefusedWithItsLimit() =>
        Cli.AssertUsageError("--hidden is 2147483647 but must be an integer from 1 to 1048576", "plan", "custom", "--layers", "32", "--hidden", "2147483647", "--heads", "1", "--ffn", "11008", "--vocab", "32000", "--gpu", "h100-sxm", "--gpus", "8");

    [Fact]
    public void ShapeWithTooManyParameters_IsRefused() =>
        Cli.AssertUsageError("parameters; the planner takes models of up to 1e16 parameters", "plan", "custom", "--layers", "100000", "--hidden", "1048576", "--heads", "8192", "--ffn", "16000000", "--vocab", "32000");

    [Fact]
    public void CustomExpertsWithoutExpertFfn_AsksForItInsteadOfDroppingTheExperts() =>
        Cli.AssertUsageError("--experts on a dense model needs --active-experts (router top-k) and --moe-ffn", "plan", "custom", "--layers", "32", "--hidden", "4096", "--heads", "32", "--ffn", "14336", "--vocab", "32000", "--experts", "8", "--active-experts", "2");

    [Fact]
    public void ActiveExpertsWithoutExperts_IsRefusedNotIgnored() =>
        Cli.AssertUsageError("give --experts too", "plan", "llama-3.1-8b", "--active-experts", "2");

    [Fact]
    public void CustomMoeWithAllItsFlags_CountsTheExperts()
    {
        JsonElement plan = Cli.Json("plan", "custom", "--layers", "32", "--hidden", "4096", "--heads", "32", "--kv-heads", "8", "--ffn", "14336", "--vocab", "32000", "--experts", "8", "--active-experts", "2", "--moe-ffn", "14336", "--top", "1", "--format", "json");

        // Mixtral-8x7B's shape: 46.7B parameters, 12.9B active.
        Assert.Equal(46.7e9, plan.GetProperty("model").GetProperty("parameters").GetDouble(), 0.1e9);
        Assert.Equal(12.9e9, plan.GetProperty("model").GetProperty("activeParameters").GetDouble(), 0.1e9);
        Assert.Equal("custom", plan.GetProperty("model").GetProperty("id").GetString());
    }

    [Fact]
    public void MinGpusWithAnInvalidPinnedTp_SaysTheRuleNotThatNothingFits() =>
        Cli.AssertUsageError("no layout satisfies the layout rules with these flags: heads 128 not divisible by TP 3", "min-gpus", "llama-3.1-405b", "--gpu", "h100-sxm", "--tp", "3");

    [Fact]
    public void MaxSeq_StopsAtTheModelsContextAndSaysSo()
    {
        (int exit, string stdout, _) = Cli.Run("max-seq", "llama-3.1-8b", "h100x64");

        Assert.Equal(0, exit);
        Assert.Contains("131,072 tokens (the model's context length; longer sequences were not tried)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxSeq_BelowTheStep_AnswersInItsOwnUnits()
    {
        (int exit, string stdout, _) = Cli.Run("max-seq", "llama-3.1-8b", "h100x8", "--max-seq", "100");

        Assert.Equal(0, exit);
        Assert.Contains("Longest sequence for Llama-3.1-8B on h100x8: 100 tokens (the --max-seq asked for", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxSeq_StepAboveTheMaximum_IsAUsageError() =>
        Cli.AssertUsageError("--step is 2048 but must be from 1 to 1000", "max-seq", "llama-3.1-8b", "h100x8", "--max-seq", "1000", "--step", "2048");

    [Theory]
    [InlineData("")]
    [InlineData("case_id,model\n")]
    [InlineData("\u0001\u0002garbage,,,\n\"unterminated")]
    public void Validate_EmptyOrGarbageCsv_IsAUsageErrorNotNaN(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), "pp-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, content);
        try
        {
            Cli.AssertUsageError("--csv", "validate", "--csv", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_OutIntoAFolder_IsAUsageError() =>
        Cli.AssertUsageError("--out '" + Path.GetTempPath() + "': is a folder", "validate", "--out", Path.GetTempPath());

    [Theory]
    [InlineData("")]
    [InlineData("/no/such/folder/chart.svg")]
    [InlineData("/proc/version/chart.svg")]
    public void Sweep_SvgThatCannotBeWritten_PrintsTheTableThenOneLineAndExit2(string path)
    {
        (int exit, string stdout, string stderr) = Cli.Run("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..16", "--svg", path);

        Assert.Equal(2, exit);
        Assert.Contains("Tokens/s/GPU", stdout, StringComparison.Ordinal);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("preset-planner: --svg", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_SvgNamingAFolder_IsAUsageError()
    {
        (int exit, _, string stderr) = Cli.Run("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..16", "--svg", Path.GetTempPath());

        Assert.Equal(2, exit);
        Assert.Contains("is a folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedOrFullStdout_OneLineOnStderrAndExit2()
    {
        using var error = new StringWriter();
        int exit = CliApp.Run(["plan", "--top", "3"], new FailingWriter(), error);

        Assert.Equal(2, exit);
        Assert.Equal("preset-planner: could not write the output: No space left on device", error.ToString().TrimEnd('\n'));
    }

    [Fact]
    public void LibraryContext_NegativeSequence_NamesTheField()
    {
        var e = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { SequenceLength = -4096 }));

        Assert.Equal("Settings.SequenceLength is -4096 but must be an integer from 1 to 67108864", e.Message);
    }

    [Fact]
    public void LibraryContext_ZeroHeadsNanPeakOrUndefinedPrecision_AreRefused()
    {
        Assert.Equal("Model.Heads", Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B.Spec with { Heads = 0 }, Presets.H100x64, new TrainingSettings())).Field);
        Assert.Equal("Model.ActiveExperts", Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Mixtral8x7B.Spec with { ActiveExperts = 8, Experts = 2 }, Presets.H100x64, new TrainingSettings())).Field);
        ClusterSpec nan = Presets.H100x64.Spec with { Gpu = Presets.H100.Spec with { PeakBf16FlopsPerSecond = double.NaN } };
        Assert.Equal("Cluster.PeakBf16FlopsPerSecond", Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B, nan, new TrainingSettings())).Field);
        Assert.Equal("Settings.Precision", Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B, Presets.H100x64, new TrainingSettings { Precision = (ComputePrecision)99 })).Field);
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");

        public override void WriteLine(string? value) => throw new IOException("No space left on device");
    }
}
