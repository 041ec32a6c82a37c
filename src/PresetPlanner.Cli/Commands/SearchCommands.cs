using System.CommandLine;
using System.Globalization;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using Spectre.Console;

namespace PresetPlanner.Cli.Commands;

/// <summary>The inverse questions: <c>min-gpus</c>, <c>max-seq</c> and <c>sweep</c>.</summary>
internal static class SearchCommands
{
    public static Command MinGpus(CliOutput output)
    {
        var o = new CliOptions();
        var maxGpus = new Option<string?>("--max-gpus") { Description = "Largest cluster to try (default 65536)" };
        var command = new Command("min-gpus", "The smallest cluster of a GPU (--gpu) on which MODEL trains, and its best layout") { maxGpus };
        o.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            (ModelSpec model, string name, _) = ModelInput.Read(pr, o);
            (GpuSpec gpu, string gpuId, int perNode) = Gpu(pr, o);
            TrainingSettings settings = TrainingInput.Settings(pr, o, TrainingInput.Space(pr, o));
            TrainingInput.CheckAgainst(settings, gpu);
            int max = pr.GetValue(maxGpus) is string m ? Numbers.Positive("--max-gpus", m) : 65536;
            SizedResult? answer = InverseQuestions.MinGpus(model, gpu, perNode, settings, InverseQuestions.Sizes(perNode, 1, max));
            if (answer is not SizedResult a)
            {
                output.Out.WriteLine($"{name} does not fit on up to {max} x {gpuId} with these settings.");
                return 0;
            }

            output.Out.WriteLine($"{name} trains on {a.Gpus} x {gpuId} ({Math.Min(a.Gpus, perNode)} per node) at the smallest; best layout there:");
            WriteLayout(output, a.Best, TrainingInput.Format(pr, o), settings);
            return 0;
        }));
        return command;
    }

    public static Command MaxSeq(CliOutput output)
    {
        var o = new CliOptions();
        var max = new Option<string?>("--max-seq") { Description = "Longest sequence to try (default 1048576)" };
        var step = new Option<string?>("--step") { Description = "Sequence granularity (default 1024)" };
        var command = new Command("max-seq", "The longest sequence that fits MODEL on CLUSTER (context parallelism allowed)") { max, step };
        o.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            (ModelSpec model, string name, _) = ModelInput.Read(pr, o);
            (ClusterSpec cluster, string clusterName) = ClusterInput.Read(pr, o);
            TrainingSettings settings = TrainingInput.Settings(pr, o, TrainingInput.Space(pr, o));
            TrainingInput.CheckAgainst(settings, cluster.Gpu);
            int longest = pr.GetValue(max) is string m ? Numbers.Positive("--max-seq", m) : 1 << 20;
            int granularity = pr.GetValue(step) is string st ? Numbers.Positive("--step", st) : 1024;
            (int Sequence, StrategyResult Best)? answer = InverseQuestions.MaxSequence(model, cluster, settings, longest, granularity);
            if (answer is not (int sequence, StrategyResult best))
            {
                output.Out.WriteLine($"{name} does not fit on {clusterName} even at a sequence of {granularity}.");
                return 0;
            }

            output.Out.WriteLine($"Longest sequence for {name} on {clusterName}: {sequence.ToString("#,0", CultureInfo.InvariantCulture)} tokens (global batch {settings.GlobalBatchSize}); best layout there:");
            WriteLayout(output, best, TrainingInput.Format(pr, o), settings with { SequenceLength = sequence });
            return 0;
        }));
        return command;
    }

    public static Command Sweep(CliOutput output)
    {
        var o = new CliOptions();
        var svg = new Option<string?>("--svg") { Description = "Also write an SVG chart of tokens/s per GPU against cluster size" };
        var command = new Command("sweep", "Best layout and tokens/s per GPU of MODEL at each cluster size (--gpu ID --gpus 8..16384)") { svg };
        o.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            (ModelSpec model, string name, _) = ModelInput.Read(pr, o);
            (GpuSpec gpu, string gpuId, int perNode) = Gpu(pr, o);
            (int from, int to) = Range(pr.GetValue(o.Gpus) ?? "8..16384");
            TrainingSettings settings = TrainingInput.Settings(pr, o, TrainingInput.Space(pr, o));
            TrainingInput.CheckAgainst(settings, gpu);
            SizedResult[] points = InverseQuestions.Sweep(model, gpu, perNode, settings, InverseQuestions.Sizes(perNode, from, to));
            if (pr.GetValue(svg) is string path)
            {
                File.WriteAllText(path, SweepChart.Svg($"{name} on {gpuId}: best layout per cluster size (sequence {settings.SequenceLength}, global batch {settings.GlobalBatchSize})", points));
            }

            RenderSweep(output, points, TrainingInput.Format(pr, o), settings);
            return 0;
        }));
        return command;
    }

    private static (GpuSpec Gpu, string Id, int PerNode) Gpu(ParseResult pr, CliOptions o)
    {
        if (pr.GetValue(o.Cluster) is string cluster)
        {
            throw new UsageException($"this command sizes the cluster itself; drop '{cluster}' and give --gpu");
        }

        string id = pr.GetValue(o.Gpu)?.Trim().ToLowerInvariant() ?? throw new UsageException("give the GPU with --gpu, e.g. --gpu h100-sxm ('preset-planner list gpus')");
        if (!Presets.Gpus.TryGet(id, out GpuSpec gpu))
        {
            throw Suggestions.Unknown("GPU", id, Presets.Gpus.Ids);
        }

        int perNode = pr.GetValue(o.GpusPerNode) is string g ? Numbers.Positive("--gpus-per-node", g) : gpu.ScaleUpDomain;
        if (perNode > gpu.ScaleUpDomain)
        {
            throw new UsageException($"--gpus-per-node {perNode} exceeds the scale-up domain of {gpu.ScaleUpDomain} GPUs of {id}");
        }

        return (gpu, id, perNode);
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

    private static void WriteLayout(CliOutput output, in StrategyResult r, OutputFormat format, in TrainingSettings settings)
    {
        if (format == OutputFormat.Json)
        {
            StrategyResult row = r;
            TrainingSettings s = settings;
            output.Out.WriteLine(JsonOutput.Write(w => JsonOutput.Strategy(w, row, s)));
            return;
        }

        output.Out.WriteLine($"  {LayoutText.Strategy(r.Layout)}, micro-batch {r.Layout.MicroBatch}, {LayoutText.Zero(r.Layout.Zero)}, {LayoutText.Recompute(r.Layout.Recompute)} recomputation{(r.Layout.SequenceParallel ? ", SP" : string.Empty)}");
        output.Out.WriteLine($"  memory {Units.Gigabytes(r.Memory.Total)} of {Units.Gigabytes(r.CapacityBytes)} per GPU; {Units.Count(r.Time.TokensPerSecondPerGpu)} tokens/s per GPU; MFU {Units.Percent(r.Time.Mfu)}; step {Units.Number(r.Time.StepSeconds, 3)} s");
    }

    private static void RenderSweep(CliOutput output, SizedResult[] points, OutputFormat format, TrainingSettings settings)
    {
        bool[] front = ParetoFront.OfSweep(points);
        string[] header = ["GPUs", "Strategy", "MBS", "ZeRO", "Recompute", "Memory/GPU (GB)", "Tokens/s/GPU", "Tokens/s (cluster)", "MFU", "Step (s)", "Pareto", "Evaluated/enumerated"];
        List<string[]> rows = points.Select((p, i) => p.Found
            ? new[] { I(p.Gpus), LayoutText.Strategy(p.Best.Layout), I(p.Best.Layout.MicroBatch), I(p.Best.Layout.Zero), LayoutText.Recompute(p.Best.Layout.Recompute), Units.GigabytesNumber(p.Best.Memory.Total), Units.Count(p.Best.Time.TokensPerSecondPerGpu), Units.Count(p.Best.Time.TokensPerSecondPerGpu * p.Gpus), Units.Percent(p.Best.Time.Mfu), Units.Number(p.Best.Time.StepSeconds, 3), front[i] ? "yes" : "no", $"{p.Statistics.Evaluated}/{p.Statistics.Enumerated}" }
            : new[] { I(p.Gpus), "nothing fits", "-", "-", "-", "-", "-", "-", "-", "-", "no", $"{p.Statistics.Evaluated}/{p.Statistics.Enumerated}" }).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                output.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartArray();
                    for (int i = 0; i < points.Length; i++)
                    {
                        SizedResult p = points[i];
                        w.WriteStartObject();
                        w.WriteNumber("gpus", p.Gpus);
                        w.WriteBoolean("found", p.Found);
                        w.WriteBoolean("paretoFront", front[i]);
                        w.WritePropertyName("best");
                        if (p.Found)
                        {
                            JsonOutput.Strategy(w, p.Best, settings);
                        }
                        else
                        {
                            w.WriteNullValue();
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
                break;
            case OutputFormat.Csv:
                output.Out.Write(Csv.Format(header, rows));
                break;
            case OutputFormat.Markdown:
                var sb = new System.Text.StringBuilder();
                StrategyTable.AppendMarkdown(sb, header, rows);
                output.Out.Write(sb.ToString());
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded).AddColumns(header.Select(Markup.Escape).ToArray());
                foreach (string[] row in rows)
                {
                    table.AddRow(row.Select(Markup.Escape).ToArray());
                }

                output.Console().Write(table);
                break;
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
