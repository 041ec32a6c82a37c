using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Issue 34 on the command line: <c>--schedule</c> on evaluate (one) and on the searches (a set, or any), its exports and
/// imports; the time to train with failures (goodput) in evaluate, plan and sweep, and <c>min-gpus --deadline</c>.
/// </summary>
public class ScheduleAndGoodputCliTests
{
    private static readonly string[] s_layout = ["evaluate", "llama-3.1-70b", "h100x64", "--tp", "4", "--pp", "8", "--zero", "1", "--sp"];

    private static JsonElement Strategy(params string[] extra) => Cli.Json([.. s_layout, "--format", "json", .. extra]).GetProperty("strategy");

    [Fact]
    public void Evaluate_WithASchedule_CostsItsBubble_AndSaysItsFormula()
    {
        JsonElement oneF = Strategy();
        JsonElement zb = Strategy("--schedule", "zb-h1");
        JsonElement v = Strategy("--schedule", "zb-v", "--vp", "2");

        Assert.Equal("1f1b", oneF.GetProperty("schedule").GetString());
        Assert.Equal("zb-h1", zb.GetProperty("schedule").GetString());
        Assert.True(zb.GetProperty("bubbleFraction").GetDouble() < oneF.GetProperty("bubbleFraction").GetDouble());
        Assert.True(v.GetProperty("bubbleFraction").GetDouble() < zb.GetProperty("bubbleFraction").GetDouble());
        (int exit, string text, _) = Cli.Run([.. s_layout, "--schedule", "zb-h1", "--no-color"]);
        Assert.Equal(0, exit);
        Assert.Contains("ZB-H1: (p-1)(F+B-2W) over m(F+B)", text, StringComparison.Ordinal);
        Assert.Contains("TP=4, PP=8, ZB-H1, DP=2", text, StringComparison.Ordinal);
    }

    // Issue 34: DeepSeek-V3's published layout (report sections 3.2-3.3) fits with its schedule and storage, as docs/model.md
    // ("Expert layouts") gives the command: DualPipe on PP 16 x EP 64, the report's FP8 SwiGLU inputs, Megatron-Bridge's
    // PP-16 split with the MTP depth, linear weights only in FP8, expandable segments. Within 15% of the report's 1,543
    // tokens/s per GPU.
    [Fact]
    public void DeepSeekV3_ItsPublishedLayoutWithDualPipe_FitsAndIsNearTheReport()
    {
        string[] run =
        [
            "evaluate", "deepseek-v3", "h800x2048", "--tp", "1", "--pp", "16", "--dp", "128", "--ep", "64", "--zero", "1",
            "--recompute", "selective", "--recompute-modules", "layernorm,mla_up_proj", "--activation-func-fp8-input-store",
            "--precision", "fp8-blockwise", "--fp8-param-gather", "--optimizer", "adam-bf16-moments", "--gbs", "15360", "--seq", "4096",
            "--dispatcher", "deepep", "--schedule", "dualpipe", "--mtp-layers", "1", "--last-stage-layers", "1", "--expandable-segments",
        ];
        (int exit, string text, _) = Cli.Run([.. run, "--no-color"]);
        Assert.Equal(0, exit);
        Assert.Contains("Fits: yes", text, StringComparison.Ordinal);
        JsonElement strategy = Cli.Json([.. run, "--format", "json"]).GetProperty("strategy");
        Assert.Equal("dualpipe", strategy.GetProperty("schedule").GetString());
        Assert.InRange(strategy.GetProperty("tokensPerSecondPerGpu").GetDouble() / 1543, 0.85, 1.1);
        // The caching allocator's fragmentation (no expandable segments) does not leave room.
        (int tight, _, _) = Cli.Run([.. run[..^1], "--no-color"]);
        Assert.Equal(1, tight);
    }

    [Fact]
    public void BadSchedules_AreOneLineAndExitTwo()
    {
        Cli.AssertUsageError("this pipeline schedule runs 2 chunks per stage", [.. s_layout, "--schedule", "zb-v"]);
        Cli.AssertUsageError("--schedule", [.. s_layout, "--schedule", "gpipe"]);
        Cli.AssertUsageError("megatron does not ship that schedule", "plan", "llama-3.1-70b", "h100x64", "--framework", "megatron", "--schedule", "zb-v");
        Cli.AssertUsageError("torchtitan does not ship that schedule", "plan", "llama-3.1-70b", "h100x64", "--emit", "torchtitan", "--schedule", "dualpipe");
        Cli.AssertUsageError("--schedule dualpipe needs --pp > 1", "evaluate", "llama-3.1-70b", "h100x64", "--tp", "8", "--pp", "1", "--schedule", "dualpipe");
        Cli.AssertUsageError("min-gpus takes a budget with --deadline", "min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--tokens", "15T");
        Cli.AssertUsageError("min-gpus --deadline does not price the run", "min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--tokens", "15T", "--deadline", "60", "--gpu-hour-price", "2");

        // "any" for torchtitan is every schedule torchtitan runs.
        JsonElement titan = Cli.Json("plan", "llama-3.1-70b", "h100x64", "--framework", "torchtitan", "--schedule", "any", "--all", "--format", "json");
        Assert.All(titan.GetProperty("strategies").EnumerateArray(), r => Assert.Contains(r.GetProperty("schedule").GetString(), (string[])["1f1b", "zb-v", "dualpipe-v"]));
    }

    [Fact]
    public void Plan_Reasons_SayWhatAnotherScheduleWouldGiveOnTheRecommendedDegrees()
    {
        (int exit, string text, _) = Cli.Run("plan", "llama-3.1-405b", "h100x1024", "--gbs", "128", "--top", "1", "--no-color");
        Assert.Equal(0, exit);
        Assert.Matches("- Pipeline schedule 1F1B: on these degrees ZB-V would give [0-9,]+ tokens/s per GPU \\(\\+[0-9.]+%, bubble [0-9.]+%; torchtitan ships it, Megatron-LM does not; evaluate --schedule zb-v --vp 2 costs it\\)", text);
    }

    [Fact]
    public void Csv_NamesTheSchedule_AndWithABudgetTheRunWithFailures()
    {
        (int exit, string csv, _) = Cli.Run([.. s_layout, "--schedule", "zb-h1", "--tokens", "15T", "--format", "csv"]);
        Assert.Equal(0, exit);
        string[][] rows = CsvLines.Parse(csv);
        Assert.Equal("zb-h1", rows[1][Array.IndexOf(rows[0], "schedule")]);
        double goodput = double.Parse(rows[1][Array.IndexOf(rows[0], "goodput")], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(goodput, 0.9, 1);
    }

    [Fact]
    public void TorchtitanImport_MatchesScheduleNamesAsPyTorchDoes_AndNamesWhatItCostsAsAnother()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sched-{Guid.NewGuid():N}.toml");
        try
        {
            (_, string toml, _) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--tp", "4", "--pp", "8", "--zero", "3", "--sp", "--vp", "2", "--emit", "torchtitan");
            File.WriteAllText(path, toml.Replace("\"Interleaved1F1B\"", "\"zbvzerobubble\"", StringComparison.Ordinal));
            Assert.Equal("zb-v", Cli.Json("evaluate", "llama-3.1-70b", "h100x64", "--run", path, "--format", "json").GetProperty("strategy").GetProperty("schedule").GetString());

            File.WriteAllText(path, toml.Replace("\"Interleaved1F1B\"", "\"InterleavedZeroBubble\"", StringComparison.Ordinal));
            (int exit, string text, _) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--run", path, "--no-color");
            Assert.Equal(0, exit);
            Assert.Contains("InterleavedZeroBubble: costed as interleaved 1F1B", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Plan_SearchesEverySchedule_WhenAsked()
    {
        JsonElement plan = Cli.Json("plan", "llama-3.1-70b", "h100x64", "--schedule", "any", "--all", "--format", "json");
        var schedules = plan.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("schedule").GetString()).ToHashSet();

        Assert.True(schedules.SetEquals(["1f1b", "zb-h1", "zb-v", "dualpipe", "dualpipe-v"]), string.Join(",", schedules));
        JsonElement byDefault = Cli.Json("plan", "llama-3.1-70b", "h100x64", "--all", "--format", "json");
        Assert.All(byDefault.GetProperty("strategies").EnumerateArray(), s => Assert.Equal("1f1b", s.GetProperty("schedule").GetString()));
    }

    [Fact]
    public void Torchtitan_ExportsAndImportsTheVSchedules_OthersSayTheyCannot()
    {
        (int exit, string toml, _) = Cli.Run("evaluate", "llama-3.1-70b", "h100x64", "--tp", "4", "--pp", "8", "--zero", "3", "--sp", "--schedule", "zb-v", "--vp", "2", "--emit", "torchtitan");
        Assert.Equal(0, exit);
        Assert.Contains("pipeline_parallel_schedule = \"ZBVZeroBubble\"", toml, StringComparison.Ordinal);

        string path = Path.Combine(Path.GetTempPath(), $"zbv-{Guid.NewGuid():N}.toml");
        try
        {
            File.WriteAllText(path, toml);
            JsonElement run = Cli.Json("evaluate", "llama-3.1-70b", "h100x64", "--run", path, "--format", "json").GetProperty("strategy");
            Assert.Equal("zb-v", run.GetProperty("schedule").GetString());
            Assert.Equal(2, run.GetProperty("vp").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }

        (_, string megatron, _) = Cli.Run([.. s_layout, "--schedule", "dualpipe", "--emit", "megatron"]);
        Assert.Contains("the DualPipe schedule is not in Megatron-LM", megatron, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeToTrain_CarriesTheRunWithFailures_AndItsFlagsMoveIt()
    {
        static JsonElement Goodput(params string[] extra) =>
            Strategy(["--tokens", "15T", .. extra]).GetProperty("timeToTrain").GetProperty("goodput");

        JsonElement plain = Goodput();
        double fraction = plain.GetProperty("fraction").GetDouble();
        Assert.InRange(fraction, 0.9, 1);
        Assert.True(plain.GetProperty("daysWithFailures").GetDouble() > Strategy("--tokens", "15T").GetProperty("timeToTrain").GetProperty("days").GetDouble());
        Assert.True(Goodput("--restart-minutes", "60").GetProperty("fraction").GetDouble() < fraction);
        Assert.True(Goodput("--async-checkpoint").GetProperty("fraction").GetDouble() > fraction);
        Assert.True(Goodput("--failures-per-gpu-hour", "1e-4").GetProperty("fraction").GetDouble() < fraction);
        Assert.True(Goodput("--storage-write-gbps", "0.1").GetProperty("checkpointBlockingSeconds").GetDouble() > plain.GetProperty("checkpointBlockingSeconds").GetDouble());
        Cli.AssertUsageError("give --tokens too", [.. s_layout, "--restart-minutes", "30"]);
        Cli.AssertUsageError("--failures-per-gpu-hour", [.. s_layout, "--tokens", "15T", "--failures-per-gpu-hour", "-1"]);

        (_, string text, _) = Cli.Run([.. s_layout, "--tokens", "15T", "--no-color"]);
        Assert.Contains("with failures", text, StringComparison.Ordinal);
        Assert.Contains("interruptions expected", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_ShowsGoodputBySize_AndSaysWhereMoreGpusStopPaying()
    {
        (int exit, string csv, _) = Cli.Run("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..256", "--tokens", "1T", "--format", "csv");
        Assert.Equal(0, exit);
        string[][] lines = CsvLines.Parse(csv);
        string[] header = lines[0];
        int goodput = Array.IndexOf(header, "goodput");
        int withFailures = Array.IndexOf(header, "trainingDaysWithFailures");
        Assert.True(goodput > 0 && withFailures > 0);
        double[] fractions = [.. lines.Skip(1).Select(l => double.Parse(l[goodput], System.Globalization.CultureInfo.InvariantCulture))];
        // More GPUs fail more often: the goodput falls with the size.
        Assert.True(fractions[^1] < fractions[0]);

        // JSON names the size with the fewest days with failures.
        JsonElement sweep = Cli.Json("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..256", "--tokens", "1T", "--format", "json");
        var days = sweep.GetProperty("points").EnumerateArray().Select(p => (Gpus: p.GetProperty("gpus").GetInt32(), Days: p.GetProperty("best").GetProperty("timeToTrain").GetProperty("goodput").GetProperty("daysWithFailures").GetDouble())).ToArray();
        Assert.Equal(days.MinBy(d => d.Days).Gpus, sweep.GetProperty("fastestWithFailuresGpus").GetInt32());

        (_, string table, _) = Cli.Run("sweep", "llama-3.1-8b", "--gpu", "h100-sxm", "--gpus", "8..256", "--tokens", "1T", "--no-color");
        Assert.Matches("(More GPUs stop shortening the run at|The run with failures shortens up to the largest size)", table);
    }

    [Fact]
    public void MinGpus_WithADeadline_FindsTheSmallestClusterThatMakesIt()
    {
        JsonElement loose = Cli.Json("min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--gbs", "2048", "--tokens", "15T", "--deadline", "120d", "--format", "json");
        JsonElement tight = Cli.Json("min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--gbs", "2048", "--tokens", "15T", "--deadline", "45", "--format", "json");

        Assert.True(loose.GetProperty("found").GetBoolean() && tight.GetProperty("found").GetBoolean());
        Assert.True(tight.GetProperty("gpus").GetInt32() > loose.GetProperty("gpus").GetInt32());
        Assert.True(tight.GetProperty("daysWithFailures").GetDouble() <= 45);
        Assert.True(loose.GetProperty("daysWithFailures").GetDouble() <= 120);
        Cli.AssertUsageError("--deadline: give --tokens", "min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--deadline", "60");
    }
}
