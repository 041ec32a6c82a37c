using System.CommandLine;
using System.Globalization;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Charts;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Search;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Commands;

/// <summary>The inverse questions: <c>min-gpus</c>, <c>max-seq</c> and <c>sweep</c>.</summary>
internal static class SearchCommands
{
    public static Command MinGpus(CliOutput output)
    {
        var model = new ModelOptions();
        var gpuOptions = new GpuOptions();
        var training = new TrainingOptions();
        var parallel = new LayoutOptions(lists: true);
        var format = new FormatOption();
        var budget = new BudgetOptions();
        var maxGpus = new Option<string?>("--max-gpus") { Description = "Largest cluster to try (default 65536)" };
        var deadline = new Option<string?>("--deadline") { Description = "Days the run may take with failures (e.g. 60 or 60d; needs --tokens): the smallest cluster that trains the budget in time" };
        var command = new Command("min-gpus", "The smallest cluster of a GPU (--gpu) on which MODEL trains (with --deadline, trains --tokens in time), and the layout a plan there recommends") { maxGpus, deadline };
        model.AddTo(command);
        gpuOptions.AddTo(command);
        training.AddTo(command);
        parallel.AddTo(command);
        budget.AddTo(command);
        format.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            ModelPreset m = model.Read(pr);
            (GpuPreset gpu, int perNode) = gpuOptions.Read(pr);
            TrainingSettings settings = training.Read(pr, m.Spec, gpu.Spec);
            SearchSpace space = parallel.Space(pr);
            LayoutOptions.CheckSchedules(space, settings.Framework);
            OutputFormat f = format.Read(pr);
            int max = pr.GetValue(maxGpus) is string text ? Numbers.Positive("--max-gpus", text) : 65536;
            Budget? tokens = budget.Read(pr);
            if (pr.GetValue(deadline) is string days)
            {
                Budget b = tokens ?? throw new UsageException("--deadline: give --tokens, the budget to train within it");
                return b.Price is null ? Deadline(output, f, m, gpu, perNode, settings, space, max, b, Days(days))
                    : throw new UsageException("--gpu-hour-price: min-gpus --deadline does not price the run; sweep --tokens --gpu-hour-price does");
            }

            if (tokens is not null)
            {
                throw new UsageException("--tokens: min-gpus takes a budget with --deadline (the smallest cluster that trains it in time); plan and sweep print the time to train");
            }

            bool found = InverseQuestions.TryFindMinGpus(m, gpu, perNode, settings, space, InverseQuestions.Sizes(perNode, 1, max), out SweepPoint answer);
            if (!found)
            {
                Excluded(answer.Result.Statistics);
            }

            string prose = found
                ? $"{m.Info.Name} trains on {answer.Gpus} x {gpu.Info.Id} ({Math.Min(answer.Gpus, perNode)} per node) at the smallest; the layout a plan there recommends:"
                : $"{m.Info.Name} does not fit on up to {max} x {gpu.Info.Id} with these settings.";
            var facts = new (string Name, double Value)[] { ("gpus", found ? answer.Gpus : double.NaN), ("gpusPerNode", Math.Min(found ? answer.Gpus : max, perNode)), ("maxGpus", max) };
            WriteAnswer(output, "min-gpus", f, prose, facts, found, answer.Best, settings, PredictionBand.For(gpu.Spec, m.Spec.IsMoe, settings.Precision));
            return found ? CliOutput.Success : CliOutput.NothingFits;
        }));
        return command;
    }

    // min-gpus --deadline: the smallest size whose recommended layout trains the budget in time, failures included.
    private static int Deadline(CliOutput output, OutputFormat f, ModelPreset m, GpuPreset gpu, int perNode, TrainingSettings settings, SearchSpace space, int max, Budget budget, double days)
    {
        IReadOnlyList<int> sizes = InverseQuestions.Sizes(perNode, 1, max);
        bool found = InverseQuestions.TryFindMinGpusForDeadline(m, gpu, perNode, settings, space, sizes, budget.Tokens, days * TimeToTrain.SecondsPerDay, budget.Reliability, out SweepPoint answer);
        double wall = answer.Found
            ? InverseQuestions.WallSeconds(answer.Best, PlanningContext.Create(m, ClusterPreset.Of(gpu, answer.Gpus, perNode), settings), budget.Tokens, budget.Reliability) / TimeToTrain.SecondsPerDay
            : double.NaN;
        string goal = $"{BudgetText.Tokens(budget.Tokens)} tokens within {BudgetText.Figure(days)} days";
        string prose = found
            ? $"{m.Info.Name} trains {goal} on {answer.Gpus} x {gpu.Info.Id} at the smallest ({BudgetText.Figure(wall)} days with failures); the layout a plan there recommends:"
            : answer.Found
                ? $"{m.Info.Name} does not train {goal} on up to {max} x {gpu.Info.Id}: {answer.Gpus} GPUs, the largest size that fits, take {BudgetText.Figure(wall)} days with failures."
                : $"{m.Info.Name} does not fit on up to {max} x {gpu.Info.Id} with these settings.";
        var facts = new (string Name, double Value)[] { ("gpus", found ? answer.Gpus : double.NaN), ("gpusPerNode", Math.Min(found ? answer.Gpus : max, perNode)), ("maxGpus", max), ("deadlineDays", days), ("daysWithFailures", wall) };
        Goodput? goodput = found ? budget.GoodputOf(answer.Best, m.Spec, settings, ClusterPreset.Of(gpu, answer.Gpus, perNode).Spec) : null;
        WriteAnswer(output, "min-gpus", f, prose, facts, found, answer.Best, settings, PredictionBand.For(gpu.Spec, m.Spec.IsMoe, settings.Precision), runBudget: (budget, goodput, gpu.Spec.BoardWatts));
        return found ? CliOutput.Success : CliOutput.NothingFits;
    }

    // "60", "60d", "60 days": a positive number of days up to a century.
    private static double Days(string text)
    {
        string t = text.Trim();
        t = t.EndsWith("days", StringComparison.OrdinalIgnoreCase) ? t[..^4] : t.EndsWith('d') || t.EndsWith('D') ? t[..^1] : t;
        return Numbers.Real("--deadline", t.Trim(), 0.001, 36_500);
    }

    public static Command MaxSeq(CliOutput output)
    {
        var model = new ModelOptions();
        var cluster = new ClusterOptions(model);
        var training = new TrainingOptions(withSequence: false);
        var parallel = new LayoutOptions(lists: true);
        var format = new FormatOption();
        var max = new Option<string?>("--max-seq") { Description = "Longest sequence to try (default the model's context length)" };
        var step = new Option<string?>("--step") { Description = "Sequence granularity (default 1024, or --max-seq when shorter)" };
        var command = new Command("max-seq", "The longest sequence that fits MODEL on CLUSTER (context parallelism allowed)") { max, step };
        model.AddTo(command);
        cluster.AddTo(command);
        training.AddTo(command);
        parallel.AddTo(command);
        format.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            ModelPreset m = model.Read(pr);
            ClusterPreset c = cluster.Read(pr);
            TrainingSettings settings = training.Read(pr, m.Spec, c.Spec.Gpu);
            SearchSpace space = parallel.Space(pr);
            LayoutOptions.CheckSchedules(space, settings.Framework);
            OutputFormat f = format.Read(pr);
            int longest = pr.GetValue(max) is string text ? Numbers.Positive("--max-seq", text) : m.Spec.MaxSequence;
            int granularity = pr.GetValue(step) is string st ? Numbers.Positive("--step", st) : Math.Min(1024, longest);
            if (!InverseQuestions.TryFindMaxSequence(m, c, settings, space, longest, granularity, out SequencePoint answer))
            {
                Excluded(PlanningContext.Create(m, c, settings with { SequenceLength = granularity }).ExplainEmpty(space));
                string none = $"{m.Info.Name} does not fit on {c.Info.Id} even at a sequence of {granularity.ToString("#,0", CultureInfo.InvariantCulture)}.";
                WriteAnswer(output, "max-seq", f, none, [("sequence", double.NaN), ("step", granularity)], false, default, settings, PredictionBand.For(c.Spec.Gpu, m.Spec.IsMoe, settings.Precision));
                return CliOutput.NothingFits;
            }

            string limit = answer.LimitedBy switch
            {
                SequenceLimit.ModelContext => $" (the model's context length; longer sequences were not tried)",
                SequenceLimit.Requested => " (the --max-seq asked for; longer sequences were not tried)",
                _ => string.Empty,
            };
            string sentence = $"Longest sequence for {m.Info.Name} on {c.Info.Id}: {answer.Sequence.ToString("#,0", CultureInfo.InvariantCulture)} tokens{limit} (global batch {settings.GlobalBatchSize}); the layout a plan there recommends:";
            WriteAnswer(output, "max-seq", f, sentence, [("sequence", answer.Sequence), ("step", granularity)], true, answer.Best, settings with { SequenceLength = answer.Sequence }, PredictionBand.For(c.Spec.Gpu, m.Spec.IsMoe, settings.Precision), Spelling.Of(answer.LimitedBy));
            return CliOutput.Success;
        }));
        return command;
    }

    public static Command Sweep(CliOutput output)
    {
        var model = new ModelOptions();
        var gpuOptions = new GpuOptions();
        var training = new TrainingOptions();
        var parallel = new LayoutOptions(lists: true);
        var format = new FormatOption();
        var budget = new BudgetOptions();
        var gpus = new Option<string?>("--gpus") { Description = "Range of cluster sizes, e.g. 8..16384 (default)" };
        var svg = new Option<string?>("--svg") { Description = "Also write an SVG chart of tokens/s per GPU against cluster size" };
        var command = new Command("sweep", "The recommended layout and tokens/s per GPU of MODEL at each cluster size (--gpu ID --gpus 8..16384)") { gpus, svg };
        model.AddTo(command);
        gpuOptions.AddTo(command);
        training.AddTo(command);
        parallel.AddTo(command);
        format.AddTo(command);
        budget.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            ModelPreset m = model.Read(pr);
            (GpuPreset gpu, int perNode) = gpuOptions.Read(pr);
            Budget? tokens = budget.Read(pr);
            (int from, int to) = Range(pr.GetValue(gpus) ?? "8..16384");
            TrainingSettings settings = training.Read(pr, m.Spec, gpu.Spec);
            SearchSpace space = parallel.Space(pr);
            LayoutOptions.CheckSchedules(space, settings.Framework);
            OutputFormat f = format.Read(pr);
            SweepPoint[] points = InverseQuestions.Sweep(m, gpu, perNode, settings, space, InverseQuestions.Sizes(perNode, from, to));
            SweepOutput.Render(output, points, f, settings, PredictionBand.For(gpu.Spec, m.Spec.IsMoe, settings.Precision), tokens, gpu.Spec.BoardWatts, m.Spec, gpu, perNode);
            if (pr.GetValue(svg) is string path)
            {
                string title = $"{m.Info.Name} on {gpu.Info.Id}: recommended layout per cluster size (sequence {settings.SequenceLength}, global batch {settings.GlobalBatchSize})";
                CliOutput.WriteFile("--svg", path, SweepChart.Svg(title, points));
            }

            return points.Any(p => p.Found) ? CliOutput.Success : CliOutput.NothingFits;
        }));
        return command;
    }

    // A search that enumerated nothing was excluded by the layout rules: that is bad input, not "nothing fits".
    private static void Excluded(in SearchStatistics statistics)
    {
        if (statistics.Enumerated == 0 && !statistics.FirstExclusion.IsNone)
        {
            Excluded(statistics.FirstExclusion);
        }
    }

    private static void Excluded(in RuleFailure failure)
    {
        if (!failure.IsNone)
        {
            throw new UsageException("no layout satisfies the layout rules with these flags: " + LayoutText.Reason(failure));
        }
    }

    private static (int From, int To) Range(string text)
    {
        string[] parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new UsageException($"--gpus: '{text}' is not a range like 8..16384");
        }

        int from = Numbers.Positive("--gpus", parts[0]);
        int to = Numbers.Positive("--gpus", parts[1]);
        return from <= to ? (from, to) : throw new UsageException($"--gpus: {from} is above {to}");
    }

    // One answer in every format: JSON is one document, CSV is a header and one row of raw numbers, text is prose.
    private static void WriteAnswer(CliOutput output, string command, OutputFormat format, string prose, (string Name, double Value)[] facts, bool found, StrategyResult best, TrainingSettings settings, PredictionBand band, string? limitedBy = null, (Budget Budget, Goodput? Goodput, double Watts)? runBudget = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("schemaVersion", JsonOutput.SchemaVersion);
                    w.WriteString("command", command);
                    w.WriteBoolean("found", found);
                    foreach ((string name, double value) in facts)
                    {
                        if (double.IsFinite(value))
                        {
                            w.WriteNumber(name, value);
                        }
                        else
                        {
                            w.WriteNull(name);
                        }
                    }

                    if (limitedBy is not null)
                    {
                        w.WriteString("limitedBy", limitedBy);
                    }

                    w.WriteString("summary", prose);
                    w.WritePropertyName("best");
                    if (found)
                    {
                        JsonOutput.Strategy(w, best, settings, band, runBudget?.Budget, runBudget?.Watts ?? 0, runBudget?.Goodput);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }

                    w.WriteEndObject();
                }));
                return;
            case OutputFormat.Csv:
                string[] header = [.. facts.Select(x => x.Name), .. Csv.StrategyHeader];
                string[] cells = [.. facts.Select(x => double.IsFinite(x.Value) ? x.Value.ToString("R", CultureInfo.InvariantCulture) : string.Empty), .. found ? Csv.Strategy(best, 1) : new string[Csv.StrategyHeader.Length]];
                output.Out.Write(Csv.Format(header, [cells.Select(c => c ?? string.Empty).ToArray()]));
                return;
        }

        output.Out.WriteLine(prose);
        if (found)
        {
            output.Out.WriteLine($"  {LayoutText.Full(best.Layout)}");
            output.Out.WriteLine($"  memory {Units.Gigabytes(best.Memory.Total)} of {Units.Gigabytes(best.CapacityBytes)} per GPU; {Units.Count(best.Time.TokensPerSecondPerGpu)} tokens/s per GPU; MFU {Units.Percent(best.Time.Mfu)}; step {Units.Number(best.Time.StepSeconds, 3)} s");
        }
    }
}
