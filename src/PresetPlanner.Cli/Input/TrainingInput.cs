using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>Reads the training flags into <see cref="TrainingSettings"/>, a search space (plan) or one layout (evaluate).</summary>
internal static class TrainingInput
{
    public static TrainingSettings Settings(ParseResult pr, CliOptions o, SearchSpace space)
    {
        var settings = new TrainingSettings { Space = space, OverlapCommunication = pr.GetValue(o.OverlapComm) };
        if (pr.GetValue(o.Seq) is string seq)
        {
            settings = settings with { SequenceLength = Numbers.Positive("--seq", seq) };
        }

        if (pr.GetValue(o.Gbs) is string gbs)
        {
            settings = settings with { GlobalBatchSize = Numbers.Positive("--gbs", gbs) };
        }

        if (pr.GetValue(o.CapacityFactor) is string factor)
        {
            settings = settings with { ExpertCapacityFactor = Numbers.Real("--capacity-factor", factor, 1, 64) };
        }

        settings = settings with
        {
            Precision = pr.GetValue(o.Precision)?.Trim().ToLowerInvariant() switch
            {
                null or "bf16" => ComputePrecision.Bf16,
                "fp8" => ComputePrecision.Fp8,
                string other => throw new UsageException($"--precision: '{other}' is not bf16 or fp8"),
            },
            Gradients = pr.GetValue(o.GradDtype)?.Trim().ToLowerInvariant() switch
            {
                null or "fp32" => GradientPrecision.Fp32,
                "bf16" => GradientPrecision.Bf16,
                string other => throw new UsageException($"--grad-dtype: '{other}' is not fp32 or bf16"),
            },
        };
        return settings;
    }

    /// <summary>Refuses settings the GPU cannot run (FP8 without FP8 tensor cores) before any search.</summary>
    public static void CheckAgainst(in TrainingSettings settings, in GpuSpec gpu)
    {
        if (settings.Precision == ComputePrecision.Fp8 && gpu.PeakFp8FlopsPerSecond <= 0)
        {
            throw new UsageException("--precision fp8: the GPU has no FP8 tensor cores (its preset states no fp8Tflops); train in bf16");
        }
    }

    public static SearchSpace Space(ParseResult pr, CliOptions o) => new()
    {
        Tp = Numbers.List("--tp", pr.GetValue(o.Tp)),
        Pp = Numbers.List("--pp", pr.GetValue(o.Pp)),
        Dp = Numbers.List("--dp", pr.GetValue(o.Dp)),
        Cp = Numbers.List("--cp", pr.GetValue(o.Cp)),
        Ep = Numbers.List("--ep", pr.GetValue(o.Ep)),
        Vp = Numbers.List("--vp", pr.GetValue(o.Vp)),
        MicroBatch = Numbers.List("--mbs", pr.GetValue(o.Mbs)),
        ZeroStages = ZeroMask(pr.GetValue(o.Zero)),
        RecomputeModes = RecomputeMask(pr.GetValue(o.Recompute)),
        SequenceParallel = SequenceParallel(pr, o),
    };

    public static ParallelLayout Layout(ParseResult pr, CliOptions o, in ClusterSpec cluster)
    {
        int Single(Option<string?> option, string flag, int fallback) =>
            pr.GetValue(option) is string text ? Numbers.Positive(flag, text) : fallback;

        if (pr.GetValue(o.Tp) is null || pr.GetValue(o.Pp) is null)
        {
            throw new UsageException("evaluate needs --tp and --pp (and optionally --dp --cp --ep --vp --mbs --zero --recompute)");
        }

        int t = Single(o.Tp, "--tp", 1);
        int p = Single(o.Pp, "--pp", 1);
        int c = Single(o.Cp, "--cp", 1);
        long tpc = (long)t * p * c;
        if (cluster.GpuCount % tpc != 0 && pr.GetValue(o.Dp) is null)
        {
            throw new UsageException($"--tp {t} x --pp {p} x --cp {c} = {tpc} does not divide the {cluster.GpuCount} GPUs; give --dp or change the degrees");
        }

        int d = Single(o.Dp, "--dp", (int)(cluster.GpuCount / tpc));
        int zero = pr.GetValue(o.Zero) is string z ? Numbers.InRange("--zero", z, 0, 3) : 1;
        RecomputeMode recompute = pr.GetValue(o.Recompute) is string r ? Recompute(r) : RecomputeMode.Selective;
        bool sp = SequenceParallel(pr, o) ?? t > 1;
        return new ParallelLayout(t, p, d, c, Single(o.Ep, "--ep", 1), Single(o.Vp, "--vp", 1), Single(o.Mbs, "--mbs", 1), zero, recompute, sp);
    }

    public static OutputFormat Format(ParseResult pr, CliOptions o) => ParseFormat(pr.GetValue(o.Format));

    /// <summary>The value of a --format option: table (default), markdown, json or csv.</summary>
    public static OutputFormat ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "table" => OutputFormat.Table,
        "markdown" or "md" => OutputFormat.Markdown,
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        string other => throw new UsageException($"--format: '{other}' is not table, markdown, json or csv"),
    };

    private static bool? SequenceParallel(ParseResult pr, CliOptions o)
    {
        bool on = pr.GetValue(o.Sp);
        bool off = pr.GetValue(o.NoSp);
        if (on && off)
        {
            throw new UsageException("--sp and --no-sp contradict each other; give one");
        }

        return on ? true : off ? false : null;
    }

    private static int ZeroMask(string? text)
    {
        if (text is null)
        {
            return SearchSpace.AllZeroStages;
        }

        int mask = 0;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            mask |= 1 << Numbers.InRange("--zero", part, 0, 3);
        }

        return mask != 0 ? mask : throw new UsageException("--zero: give a stage 0-3 or a list, e.g. --zero 1,3");
    }

    private static int RecomputeMask(string? text)
    {
        if (text is null)
        {
            return SearchSpace.AllRecomputeModes;
        }

        int mask = 0;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            mask |= 1 << (int)Recompute(part);
        }

        return mask != 0 ? mask : throw new UsageException("--recompute: give none, selective or full");
    }

    private static RecomputeMode Recompute(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => RecomputeMode.None,
        "selective" => RecomputeMode.Selective,
        "full" => RecomputeMode.Full,
        _ => throw new UsageException($"--recompute: '{text}' is not none, selective or full"),
    };
}
