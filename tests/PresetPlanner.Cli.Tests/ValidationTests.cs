using System.Globalization;

namespace PresetPlanner.Cli.Tests;

/// <summary>The time and memory model against docs/calibration/published-runs.csv (docs/validation.md).</summary>
public class ValidationTests
{
    private static readonly string s_csv = Validator.FindDefaultCsv() ?? Path.Combine(Repository.Root, "docs", "calibration", "published-runs.csv");
    private static readonly List<PublishedRun> s_runs = Validator.Load(s_csv);
    private static readonly List<ValidationRow> s_rows = Validator.Evaluate(s_runs);
    private static readonly Lazy<List<OutOfSample.Split>> s_protocol = new(() => OutOfSample.Protocol(s_runs));

    [Fact]
    public void MedianAbsoluteError_AtMostEightPercent()
    {
        Assert.True(s_rows.Count(r => r.Error is not null) >= 230);
        Assert.InRange(Validator.MedianError(s_rows), 0, 0.08);
    }

    [Fact]
    public void EverySource_MedianAtMostFifteenPercent()
    {
        Dictionary<string, double> bySource = Validator.MedianErrorBySource(s_rows);

        Assert.Equal(["BLOOM", "KOR22", "MBRIDGE", "MCORE", "MEG", "MEG21", "NEMO2407"], bySource.Keys.Order(StringComparer.Ordinal));
        Assert.All(bySource, s => Assert.True(s.Value <= 0.15, $"{s.Key}: {s.Value:P1}"));
    }

    [Fact]
    public void MoeRows_MedianAtMostTwelvePercent()
    {
        ValidationRow[] moe = [.. s_rows.Where(r => r.Error is not null && r.Run.IsMoe)];

        Assert.True(moe.Length >= 60, $"only {moe.Length} MoE rows");
        Assert.InRange(Validator.MedianError(moe), 0, 0.12);
    }

    [Fact]
    public void OutOfSampleProtocol_HasItsFiveSplits_AndLeaveOneFamilyOutAtMostFifteenPercent()
    {
        List<OutOfSample.Family> families = s_protocol.Value.Single(s => s.Name == "leave one family out").Groups;

        Assert.Equal(5, s_protocol.Value.Count);
        Assert.All(s_protocol.Value.Take(4), split => Assert.Equal(s_rows.Count(r => r.Error is not null), split.Rows.Count(r => r.Error is not null)));
        Assert.Contains(families, f => f.Name == "Llama");
        Assert.Contains(families, f => f.Name == "DeepSeek");
        Assert.InRange(OutOfSample.MedianError(families), 0, 0.15);
    }

    [Fact]
    public void OutOfSample_EverySplitsMedianAtMostTenPercent()
    {
        // Issue 32's first target: every out-of-sample table's median at most 10% (docs/validation.md, "Out of sample").
        Assert.All(s_protocol.Value, split => Assert.True(
            Validator.MedianError(split.Rows.Where(r => r.Error is not null)) <= 0.10,
            $"{split.Name}: {Validator.MedianError(split.Rows.Where(r => r.Error is not null)):P1}"));
    }

    [Fact]
    public void Nvfp4RecipesBf16EndLayers_AreReadFromTheRecipe_AndSlowTheRowAsTheyShould()
    {
        // Megatron-Bridge 26.08's Nemotron 3 Super NVFP4 recipe keeps the last 14 of 88 layers in BF16
        // (num_layers_at_end_in_bf16=14, docs/calibration/megatron-bridge-recipes-moe.csv); its MXFP8 twin keeps none.
        ValidationRow nvfp4 = s_rows.Single(r => r.Run.Case == "MBRIDGE-26.08-Pre-Training-DGX-GB200-Nemotron_3_Super-64-NVFP4-15");
        ValidationRow mxfp8 = s_rows.Single(r => r.Run.Case == "MBRIDGE-26.08-Pre-Training-DGX-GB200-Nemotron_3_Super-64-MXFP8-14");
        Assert.Equal((0, 14), (nvfp4.Run.Settings.Bf16FirstLayers, nvfp4.Run.Settings.Bf16LastLayers));
        Assert.Equal((0, 0), (mxfp8.Run.Settings.Bf16FirstLayers, mxfp8.Run.Settings.Bf16LastLayers));

        // Published, the NVFP4 recipe is 2% faster than the MXFP8 one on the same layout; predicted, within 5% of that.
        double published = nvfp4.Run.TokensPerSecondPerGpu!.Value / mxfp8.Run.TokensPerSecondPerGpu!.Value;
        Assert.InRange(nvfp4.Predicted / mxfp8.Predicted / published, 0.95, 1.05);
    }

    [Theory]
    [InlineData("leave one source out")]
    [InlineData("leave one model out")]
    [InlineData("time split: fit up to 2025, predict 2026")]
    public void OutOfSample_LargeFamilies_BiasedByAtMostTenPercent(string splitName)
    {
        // Issue 32's family target where it holds today: in these splits every family with 30 or more held-out rows
        // (DeepSeek, GPT, Llama, Qwen) has a signed median within 10%. Before the dispatch had a per-copy cost and its
        // own network share, DeepSeek-V3 sat at -10% to -12% and Qwen3-30B-A3B at +19% when left out (docs/model.md).
        OutOfSample.Split split = s_protocol.Value.Single(s => s.Name == splitName);
        foreach (IGrouping<string, ValidationRow> family in split.Rows.Where(r => r.Error is not null).GroupBy(r => r.Run.Family).Where(f => f.Count() >= 30))
        {
            double signed = Validator.Median(family.Select(r => r.Error!.Value));
            Assert.True(Math.Abs(signed) <= 0.10, $"{splitName}, {family.Key}: signed median {signed:P1}");
        }
    }

    [Fact]
    public void BlackwellUltra_SameRecipeOnGb300AndGb200_RatioWithinTenPercentOfPublished()
    {
        // Megatron-Bridge publishes Llama 3 70B with FSDP in FP8 on 64 GB300 and 64 GB200 in one layout per release: GB300
        // 1.20-1.27 times as fast at equal nominal peaks in the 26.x releases (FP8 named so). Its attention and fitted clock
        // ratio must carry the pair. 25.11's FP8CS pair ran only 1.05 times as fast and is not reproduced (docs/validation.md).
        var pairs = s_rows.Where(r => r.Error is not null && r.Run.Case.Contains("LLAMA3_70B-64-FP8-", StringComparison.Ordinal) && r.Run.Case.Contains("Pre-Training", StringComparison.Ordinal))
            .GroupBy(r => r.Run.Case[..r.Run.Case.IndexOf("-Pre-Training", StringComparison.Ordinal)])
            .Select(g => (Gb300: g.SingleOrDefault(r => r.Run.Case.Contains("GB300", StringComparison.Ordinal)), Gb200: g.SingleOrDefault(r => r.Run.Case.Contains("GB200", StringComparison.Ordinal))))
            .Where(p => p.Gb300 is not null && p.Gb200 is not null)
            .ToList();

        Assert.True(pairs.Count >= 4, $"{pairs.Count} pairs");
        Assert.All(pairs, p =>
        {
            Assert.Equal(p.Gb300!.Run.Layout, p.Gb200!.Run.Layout);
            double published = p.Gb300.Run.TokensPerSecondPerGpu!.Value / p.Gb200.Run.TokensPerSecondPerGpu!.Value;
            double predicted = p.Gb300.Predicted / p.Gb200.Predicted;
            Assert.InRange(published, 1.15, 1.3);
            Assert.InRange(predicted / published, 0.9, 1.1);
        });
    }

    [Fact]
    public void Fit_KeepsEachClockRatioWithinItsPowerBound_AndTheShippedParametersAreItsOptimum()
    {
        FittedModel fitted = Fitter.Fit(s_runs, rounds: 1);

        Assert.Equal(["b300", "gb300"], fitted.GpuClock.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(fitted.GpuClock["gb300"], 1, 1400.0 / 1200);
        Assert.InRange(fitted.GpuClock["b300"], 1, 1100.0 / 1000);
        Assert.Equal(Fitter.Score(s_runs, FittedModel.Shipped(s_runs)), Fitter.Score(s_runs, fitted), 9);
    }

    [Fact]
    public void PredictionBands_AreWhatTheHeldOutErrorsGive_AndHoldEightInTen()
    {
        // The shipped table is the protocol's: regenerate it with
        // `dotnet run --project src/PresetPlanner.Cli -- validate --bands --out src/PresetPlanner.Core/Results/PredictionBandTable.cs`.
        List<PredictionBand> computed = PredictionBands.Compute(s_protocol.Value);
        Assert.Equal(computed, PredictionBand.Table);

        // Each kind's band holds about eight in ten of its own held-out predictions, and it is a band: low below high.
        ValidationRow[] held = [.. s_protocol.Value.SelectMany(x => x.Rows).Where(r => r.Error is not null)];
        foreach (PredictionBand band in computed.Where(b => b.Scope == BandScope.Kind))
        {
            double[] errors = [.. held.Where(r => PredictionBand.GenerationOf(r.Run.Cluster.Gpu) == band.Generation && r.Run.IsMoe == band.Moe && PredictionBand.WidthOf(r.Run.Settings.Precision) == band.Precision).Select(r => r.Error!.Value)];
            Assert.Equal(band.Predictions, errors.Length);
            Assert.True(band.Runs >= PredictionBand.MinRuns);
            Assert.True(band.Low < band.High);
            double inside = errors.Count(e => e >= band.Low - 5e-4 && e <= band.High + 5e-4) / (double)errors.Length;
            Assert.InRange(inside, 0.75, 0.86);
        }

        // The widest band covers every held-out prediction's kind, so every plan has one.
        Assert.Equal(BandScope.All, computed[^1].Scope);
        Assert.Equal(held.Length, computed[^1].Predictions);
    }

    [Fact]
    public void Korthikanti_Table5_MeanStepTimeErrorBelowCalculons()
    {
        // The issue's target: below Calculon's 3.65% on the same eight rows (Isaev et al. SC'23). It failed at 6.8% before
        // the unfused attention core was costed and the A100 generation was given its own matmul efficiency.
        Assert.Equal(8, s_rows.Count(r => r.Run.Source == "KOR22" && r.Error is not null));
        Assert.InRange(Fitter.KorthikantiStepError(s_rows), 0, 0.0365);
    }

    [Fact]
    public void BloomSweep_MeasuredRunsFit_OomRunsDoNot_AndTheContradictionIsTight()
    {
        Assert.All(s_rows.Where(r => r.Run.MeasuredMemoryGiB is not null), r => Assert.True(r.Result.Fits, r.Run.Case));

        // BLOOM-PRE-0228-20 (206B) is the one OOM the model does not reproduce (docs/validation.md explains it): it must
        // come out inside the memory model's own uncertainty of the capacity, never comfortably fitting.
        ValidationRow[] oom = s_rows.Where(r => r.Run.Oom).ToArray();
        Assert.Equal(4, oom.Length);
        Assert.All(oom.Where(r => r.Run.Case != "BLOOM-PRE-0228-20"), r => Assert.False(r.Result.Fits, r.Run.Case));
        Assert.True(oom.Single(r => r.Run.Case == "BLOOM-PRE-0228-20").Result.Tight);
    }

    [Fact]
    public void MemoryUncertainty_IsTheMeasuredRowsNinetiethPercentile_AndFragmentationTheirFit()
    {
        (double fragmentation, double uncertainty) = Fitter.FitFragmentation(s_runs);

        Assert.Equal(TrainingSettings.DefaultFragmentation, fragmentation, 0.005);
        Assert.InRange(StrategyResult.MemoryUncertainty - uncertainty, 0, 0.01);
    }

    [Fact]
    public void Bloom0228_20_NeedsWhat0228_14Needs_WhichMeasured67GiB()
    {
        // Why the one missed OOM cannot be reproduced without encoding the run: its peak stage holds, component by
        // component, within a few percent of what BLOOM-PRE-0228-14 holds, and that run measured 67 GiB of 80.
        ValidationRow oom = s_rows.Single(r => r.Run.Case == "BLOOM-PRE-0228-20");
        ValidationRow ran = s_rows.Single(r => r.Run.Case == "BLOOM-PRE-0228-14");
        MemoryBreakdown a = oom.Result.Memory;
        MemoryBreakdown b = ran.Result.Memory;

        Assert.Equal(67, ran.Run.MeasuredMemoryGiB);
        Assert.InRange(a.ModelStates / b.ModelStates, 0.97, 1.03);
        Assert.InRange(a.Activations / b.Activations, 0.85, 1.15);
        Assert.InRange(a.Total / b.Total, 0.97, 1.03);
    }

    [Fact]
    public void RunsThatTrained_FewerThanThreePercentPredictedNotToFit_EachNamedWithHowItWasRead()
    {
        // The issue's target: under 3% of the runs that trained. The six left are NeMo 24.07 rows whose recipes are only
        // partly mapped and one 2021 ZeRO-3 row (docs/validation.md names each).
        ValidationRow[] ran = [.. s_rows.Where(r => r.Run.TokensPerSecondPerGpu is not null && r.Result.IsValid)];
        ValidationRow[] notFit = [.. ran.Where(r => !r.Result.Fits)];
        Assert.True(ran.Length >= 230);
        Assert.True(notFit.Length < 0.03 * ran.Length, $"{notFit.Length} of {ran.Length}: {string.Join(", ", notFit.Select(r => r.Run.Case))}");
        Assert.All(notFit, r => Assert.False(string.IsNullOrEmpty(r.Run.Mapping), r.Run.Case));
    }

    [Fact]
    public void PublishedLayoutThatContradictsItsRecipe_IsReadWithTheRecipesLayout_AndSaysSo()
    {
        // 26.02.01's table prints Llama 3 70B NVFP4 on 64 GB300 as TP1 PP1 without FSDP, which cannot hold its own BF16
        // weights and gradients (2 x 2 x 70.6e9 bytes = 263 GiB of 268); the release's preset runs PP4 VP5 mbs 1.
        ValidationRow row = s_rows.Single(r => r.Run.Case == "MBRIDGE-26.02.01-Pre-Training-DGX-GB300-LLAMA3_70B-64-NVFP4-146");

        Assert.Equal((4, 5, 1, 16), (row.Run.Layout.Pp, row.Run.Layout.Vp, row.Run.Layout.MicroBatch, row.Run.Layout.Dp));
        Assert.Contains(RecipeRows.LayoutCorrection, row.Run.Mapping, StringComparison.Ordinal);
        Assert.True(row.Result.Fits);
        Assert.InRange(row.Error!.Value, -0.15, 0.15);
    }

    [Fact]
    public void RecipeLayoutCorrection_GivesDataParallelismWhatThePipelineGivesBack()
    {
        var recipe = new Dictionary<string, string> { ["pp"] = "4", ["vp"] = "5", ["mbs"] = "1" };
        var published = new ParallelLayout { Tp = 1, Pp = 1, Dp = 64, MicroBatch = 2 };

        (ParallelLayout read, _) = RecipeRows.Apply(recipe, published, new TrainingSettings());
        (ParallelLayout kept, _) = RecipeRows.Apply([], published, new TrainingSettings());

        Assert.Equal((4, 5, 16, 1), (read.Pp, read.Vp, read.Dp, read.MicroBatch));
        Assert.Equal(published, kept);
    }

    [Fact]
    public void BloomSweep_MemoryMedianWithinTenPercentOfNvidiaSmi_WorstUnderTwentyFive()
    {
        double[] errors = [.. s_rows.Where(r => r.Run.MeasuredMemoryGiB is not null)
            .Select(r => Math.Abs(r.PredictedMemoryGiB - r.Run.MeasuredMemoryGiB!.Value) / r.Run.MeasuredMemoryGiB.Value)];

        Assert.Equal(16, errors.Length);
        Assert.InRange(Validator.Median(errors), 0, 0.10);

        Assert.InRange(errors.Max(), 0, 0.25);
    }

    [Fact]
    public void BloomZeroStage0_HoldsDeepSpeedsFp32FlattenedGradients_AndIsWithinTenPercentOfItsMeasured72GiB()
    {
        // The pre-BF16-optimizer branch at ZeRO stage 0 runs DeepSpeed's FP16_Optimizer, whose step casts every 16-bit
        // gradient to fp32 and flattens the casts while the 16-bit gradients still live: 2 + 4 + 4 bytes per parameter.
        ValidationRow zs0 = s_rows.Single(r => r.Run.Case == "BLOOM-PRE-ZS0");
        Assert.Equal(GradientPrecision.Bf16FlattenedToFp32, zs0.Run.Settings.Gradients);
        Assert.InRange(Math.Abs(zs0.PredictedMemoryGiB - 72) / 72, 0, 0.10);

        // At ZeRO-1 the same branch shards through DeepSpeed's stage-1 optimizer and keeps 16-bit gradients.
        Assert.All(s_rows.Where(r => r.Run.Case.StartsWith("BLOOM-PRE-0225", StringComparison.Ordinal)),
            r => Assert.Equal(GradientPrecision.Bf16, r.Run.Settings.Gradients));
    }

    [Fact]
    public void BloomTpPair_TheModelFavoursTp4NoMoreThanTheMeasuredRuns()
    {
        // docs/model.md ("Expert layouts", GPT-3): the planner's best GPT-3 layout halves TP. The one published pair on
        // one cluster that differs in TP alone (TP 4 PP 12 DP 8 against TP 8 PP 12 DP 4, micro-batch 4, ZeRO-1, full
        // recomputation) measured TP 4 4.6% faster; the model must not favour it by more, nor TP 8 by more than 2%.
        ValidationRow tp4 = s_rows.Single(r => r.Run.Case == "BLOOM-PRE-0225-01");
        ValidationRow tp8 = s_rows.Single(r => r.Run.Case == "BLOOM-PRE-0225-17");
        Assert.Equal((4, 8), (tp4.Result.Layout.Tp, tp8.Result.Layout.Tp));
        Assert.True(tp4.Result.Layout with { Tp = 8, Dp = 4 } == tp8.Result.Layout, "the pair differs in TP and DP only");

        double measured = tp4.Run.TokensPerSecondPerGpu!.Value / tp8.Run.TokensPerSecondPerGpu!.Value;
        double predicted = tp4.Predicted / tp8.Predicted;
        Assert.InRange(measured, 1.04, 1.05);
        Assert.InRange(predicted, 0.98, measured);
    }

    [Fact]
    public void TokenDropRecipes_AreReadAsDropAndPad_AndRunAtTheirDroplessTwinsRate()
    {
        // Megatron-Bridge 25.09's token-drop rows (moe_pad_expert_input_to_capacity with a capacity factor) and only
        // they drop and pad; without the dropless synchronisation Qwen3-30B-A3B on 8 B200 at micro-batch 1 is predicted
        // within 30% of its published 18,066 tokens/s and faster than the dropless 25.11 row on the same layout, by the
        // host idle time alone. The published gap (about twice) is not reproduced: docs/model.md, "Known limits".
        PublishedRun[] dropping = [.. s_runs.Where(r => r.Skip is null && r.Settings.DropAndPad)];
        Assert.Equal(8, dropping.Length);
        Assert.All(dropping, r => Assert.Contains("tokendrop", r.Case, StringComparison.Ordinal));

        ValidationRow padded = s_rows.Single(r => r.Run.Case == "MBRIDGE-25.09-Pre-Training-DGX-B200-Qwen3_30B_a3B_tokendrop_-8-FP8inferre-265");
        ValidationRow dropless = s_rows.Single(r => r.Run.Case == "MBRIDGE-25.11-Pre-Training-DGX-B200-Qwen3_30B_a3B-8-FP8MX-239");
        Assert.Equal(padded.Result.Layout with { Zero = dropless.Result.Layout.Zero }, dropless.Result.Layout);
        Assert.InRange(padded.Error!.Value, -0.3, 0.3);
        Assert.True(padded.Predicted > dropless.Predicted);
        Assert.True(dropless.Run.TokensPerSecondPerGpu < padded.Run.TokensPerSecondPerGpu * 0.6);
    }

    [Fact]
    public void EveryMegatronBridgeRowOfAKnownModel_IsModelled()
    {
        // The recipe layouts' MTP layer is not a decoder layer (a review found 8 DeepSeek-V3 rows refused for it).
        PublishedRun[] bridge = [.. s_runs.Where(r => r.Source == "MBRIDGE")];
        string[] skipped = [.. bridge.Where(r => r.Skip is not null && !r.Skip.Contains("is not a preset", StringComparison.Ordinal)).Select(r => r.Case + ": " + r.Skip)];

        Assert.Equal(184, bridge.Length);
        Assert.Empty(skipped);
        Assert.Equal(182, bridge.Count(r => r.Skip is null));  // DeepSeek-V4-Flash's 2 rows: no published architecture to make a preset of
    }

    [Fact]
    public void ValidationPage_FitCountsPerSource_AddUpAndCarryTheMeasuredMemoryError()
    {
        // The memory issue's "fit counts and memory errors per source": every source's trained runs are split into fit
        // with margin, tight, not fit and invalid, and only BLOOM (nvidia-smi) carries a memory error.
        string page = ValidationReport.Markdown(s_runs, s_rows, FittedModel.Shipped(s_runs), s_protocol.Value);
        string[][] table = [.. page.Split('\n')
            .SkipWhile(l => !l.StartsWith("| source | trained |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())];

        Assert.Equal(7, table.Length);
        Assert.All(table, r => Assert.Equal(int.Parse(r[1], CultureInfo.InvariantCulture), r[2..6].Sum(c => int.Parse(c, CultureInfo.InvariantCulture))));
        Assert.Equal(s_rows.Count(r => r.Run.TokensPerSecondPerGpu is not null || r.Run.MeasuredMemoryGiB is not null), table.Sum(r => int.Parse(r[1], CultureInfo.InvariantCulture)));
        string[] bloom = table.Single(r => r[0] == "BLOOM");
        Assert.Equal(("3 of 4", "16"), (bloom[6], bloom[7]));
        Assert.InRange(double.Parse(bloom[8].TrimEnd('%'), CultureInfo.InvariantCulture), 0, 10);
        Assert.All(table.Where(r => r[0] != "BLOOM"), r => Assert.Equal("-", r[8]));
    }

    [Fact]
    public void ValidationPage_IsUpToDate()
    {
        string expected = ValidationReport.Markdown(s_runs, s_rows, FittedModel.Shipped(s_runs), s_protocol.Value);
        string actual = File.ReadAllText(Path.Combine(Repository.Root, "docs", "validation.md")).ReplaceLineEndings("\n");

        Assert.True(expected == actual, "docs/validation.md is stale: run `dotnet run --project src/PresetPlanner.Cli -- validate --out docs/validation.md`");
    }

    [Fact]
    public void ValidateCommand_PrintsTheReport()
    {
        (int exit, string stdout, _) = Cli.Run("validate", "--csv", s_csv);

        Assert.Equal(0, exit);
        Assert.StartsWith("# Validation against published training runs", stdout, StringComparison.Ordinal);
        Assert.Contains("| **all** |", stdout, StringComparison.Ordinal);
    }
}
