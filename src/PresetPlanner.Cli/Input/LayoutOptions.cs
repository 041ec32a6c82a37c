using System.CommandLine;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Input;

/// <summary>
/// The parallel flags: for a plan or search, sets of values that pin the search space ("--tp 4,8"); for
/// <c>evaluate</c>, one value each, making one layout.
/// </summary>
internal sealed class LayoutOptions(bool lists)
{
    public Option<string?> Tp { get; } = Options.Text("--tp", lists ? "Tensor-parallel degrees to search, e.g. 4,8" : "Tensor-parallel degree (required)");

    public Option<string?> Pp { get; } = Options.Text("--pp", lists ? "Pipeline-parallel degrees to search" : "Pipeline-parallel degree (required)");

    public Option<string?> Dp { get; } = Options.Text("--dp", lists ? "Data-parallel degrees to keep" : "Data-parallel degree (default: the GPUs left)");

    public Option<string?> Cp { get; } = Options.Text("--cp", lists ? "Context-parallel degrees to search" : "Context-parallel degree (default 1)");

    public Option<string?> Ep { get; } = Options.Text("--ep", lists ? "Expert-parallel degrees to search" : "Expert-parallel degree (default 1)");

    public Option<string?> Vp { get; } = Options.Text("--vp", lists ? "Virtual pipeline stages to search (interleaving)" : "Virtual pipeline stages per GPU (default 1)");

    public Option<string?> Mbs { get; } = Options.Text("--mbs", lists ? "Micro-batch sizes to search" : "Micro-batch size (default 1)");

    public Option<string?> Zero { get; } = Options.Text("--zero", lists ? "ZeRO stages 0-3 to search, e.g. 1,3" : "ZeRO stage 0-3 (default 1)");

    public Option<string?> Recompute { get; } = Options.Choice<RecomputeMode>("--recompute", (lists ? "Recomputation modes to search: " : "Recomputation (default selective): ") + string.Join(", ", Spelling.All<RecomputeMode>()));

    public Option<string?> Schedule { get; } = Options.Text("--schedule", lists
        ? "Pipeline schedules to search: " + string.Join(", ", Spelling.All<PipelineSchedule>()) + " or any (default the framework's: 1f1b, and for torchtitan zb-v and dualpipe-v too; docs/model.md)"
        : "Pipeline schedule: " + string.Join(", ", Spelling.All<PipelineSchedule>()) + " (default 1f1b, interleaved with --vp > 1; docs/model.md)");

    public Option<bool> Sp { get; } = new("--sp") { Description = "Use sequence parallelism" };

    public Option<bool> NoSp { get; } = new("--no-sp") { Description = "Do not use sequence parallelism" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Tp, Pp, Dp, Cp, Ep, Vp, Schedule, Mbs, Zero, Recompute, Sp, NoSp })
        {
            command.Add(option);
        }
    }

    public SearchSpace Space(ParseResult pr) => new()
    {
        Tp = Numbers.List("--tp", pr.GetValue(Tp)),
        Pp = Numbers.List("--pp", pr.GetValue(Pp)),
        Dp = Numbers.List("--dp", pr.GetValue(Dp)),
        Cp = Numbers.List("--cp", pr.GetValue(Cp)),
        Ep = Numbers.List("--ep", pr.GetValue(Ep)),
        Vp = Numbers.List("--vp", pr.GetValue(Vp)),
        MicroBatch = Numbers.List("--mbs", pr.GetValue(Mbs)),
        ZeroStages = ZeroSet(pr.GetValue(Zero)),
        RecomputeModes = RecomputeSet(pr.GetValue(Recompute)),
        Schedules = ScheduleSet(pr.GetValue(Schedule)),
        SequenceParallel = SequenceParallel(pr) switch
        {
            true => SequenceParallelModes.On,
            false => SequenceParallelModes.Off,
            null => SequenceParallelModes.Both,
        },
    };

    /// <summary>The first layout flag given but not in <paramref name="except"/>, or null: a run read from a file (<c>--run</c>) takes none (a DeepSpeed config TP, PP and EP).</summary>
    public string? Given(ParseResult pr, string[] except)
    {
        foreach (Option<string?> option in new[] { Tp, Pp, Dp, Cp, Ep, Vp, Schedule, Mbs, Zero, Recompute })
        {
            if (pr.GetValue(option) is not null && !except.Contains(option.Name))
            {
                return option.Name;
            }
        }

        return pr.GetValue(Sp) && !except.Contains(Sp.Name) ? Sp.Name : pr.GetValue(NoSp) && !except.Contains(NoSp.Name) ? NoSp.Name : null;
    }

    /// <summary>--sp or --no-sp when given, else null.</summary>
    public bool? SequenceParallelGiven(ParseResult pr) => pr.GetValue(Sp) ? true : pr.GetValue(NoSp) ? false : null;

    /// <summary>The value of one degree flag, or null when not given.</summary>
    public static int? Degree(ParseResult pr, Option<string?> option) =>
        pr.GetValue(option) is string text ? Numbers.Positive(option.Name, text) : null;

    public ParallelLayout Layout(ParseResult pr, in ClusterSpec cluster)
    {
        int Single(Option<string?> option, string flag, int fallback) =>
            pr.GetValue(option) is string text ? Numbers.Positive(flag, text) : fallback;

        if (pr.GetValue(Tp) is null || pr.GetValue(Pp) is null)
        {
            throw new UsageException("evaluate needs --tp and --pp (and optionally --dp --cp --ep --vp --mbs --zero --recompute)");
        }

        int t = Single(Tp, "--tp", 1);
        int p = Single(Pp, "--pp", 1);
        int c = Single(Cp, "--cp", 1);
        long tpc = (long)t * p * c;
        if (cluster.GpuCount % tpc != 0 && pr.GetValue(Dp) is null)
        {
            throw new UsageException($"--tp {t} x --pp {p} x --cp {c} = {tpc} does not divide the {cluster.GpuCount} GPUs; give --dp or change the degrees");
        }

        return new ParallelLayout
        {
            Tp = t,
            Pp = p,
            Dp = Single(Dp, "--dp", (int)(cluster.GpuCount / tpc)),
            Cp = c,
            Ep = Single(Ep, "--ep", 1),
            Vp = Single(Vp, "--vp", 1),
            Schedule = EvaluatedSchedule(pr, p),
            MicroBatch = Single(Mbs, "--mbs", 1),
            Zero = pr.GetValue(Zero) is string z ? Numbers.InRange("--zero", z, 0, 3) : 1,
            Recompute = pr.GetValue(Recompute) is string r ? Options.Parse<RecomputeMode>("--recompute", r, Spelling.TryParse) : RecomputeMode.Selective,
            SequenceParallel = SequenceParallel(pr) ?? t > 1,
        };
    }

    /// <summary>
    /// Refuses a schedule the plan's framework does not ship (one line, exit 2) rather than a plan that silently has no
    /// pipeline: a stated schedule, or a set, each of which <paramref name="framework"/> must run.
    /// </summary>
    public static void CheckSchedules(in SearchSpace space, ExportFramework? framework)
    {
        // "any" is every schedule the framework runs: the rule book leaves out the others, and the table counts them.
        if (framework is not ExportFramework f || space.Schedules is PipelineSchedules.FrameworkDefault or PipelineSchedules.All)
        {
            return;
        }

        foreach (PipelineSchedule schedule in Enum.GetValues<PipelineSchedule>())
        {
            if (((int)space.Schedules & (1 << (int)schedule)) != 0 && !TrainingSettings.FrameworkRuns(f, schedule))
            {
                throw new UsageException($"--schedule {Spelling.Of(schedule)}: {Spelling.Of(f)} does not ship that schedule (Megatron-LM, Megatron-Bridge and DeepSpeed run 1f1b; torchtitan runs 1f1b, zb-v and dualpipe-v)");
            }
        }
    }

    // One schedule for evaluate; one other than 1F1B needs a pipeline to run.
    private PipelineSchedule EvaluatedSchedule(ParseResult pr, int p)
    {
        if (pr.GetValue(Schedule) is not string text)
        {
            return PipelineSchedule.OneForwardOneBackward;
        }

        PipelineSchedule schedule = Options.Parse<PipelineSchedule>("--schedule", text, Spelling.TryParse);
        return schedule != PipelineSchedule.OneForwardOneBackward && p == 1
            ? throw new UsageException($"--schedule {Spelling.Of(schedule)} needs --pp > 1: a layout without a pipeline runs no schedule")
            : schedule;
    }

    // "any", or a comma list of schedules; none given: the framework's.
    private static PipelineSchedules ScheduleSet(string? text)
    {
        if (text is null)
        {
            return PipelineSchedules.FrameworkDefault;
        }

        if (text.Trim().Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            return PipelineSchedules.All;
        }

        var set = PipelineSchedules.FrameworkDefault;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            set |= (PipelineSchedules)(1 << (int)Options.Parse<PipelineSchedule>("--schedule", part, Spelling.TryParse));
        }

        return set == PipelineSchedules.FrameworkDefault ? throw new UsageException("--schedule: give a schedule, a comma list or any") : set;
    }

    private bool? SequenceParallel(ParseResult pr)
    {
        bool on = pr.GetValue(Sp);
        bool off = pr.GetValue(NoSp);
        if (on && off)
        {
            throw new UsageException("--sp and --no-sp contradict each other; give one");
        }

        return on ? true : off ? false : null;
    }

    private static ZeroStages ZeroSet(string? text)
    {
        if (text is null)
        {
            return ZeroStages.All;
        }

        var set = ZeroStages.None;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            set |= (ZeroStages)(1 << Numbers.InRange("--zero", part, 0, 3));
        }

        return set != ZeroStages.None ? set : throw new UsageException("--zero: give a stage 0-3 or a list, e.g. --zero 1,3");
    }

    private static RecomputeModes RecomputeSet(string? text)
    {
        if (text is null)
        {
            return RecomputeModes.All;
        }

        var set = RecomputeModes.None;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            set |= (RecomputeModes)(1 << (int)Options.Parse<RecomputeMode>("--recompute", part, Spelling.TryParse));
        }

        return set != RecomputeModes.None ? set : throw new UsageException("--recompute: give " + string.Join(", ", Spelling.All<RecomputeMode>()));
    }
}
