using System.CommandLine;
using System.Text;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using PresetPlanner.Import.Launch;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Export;
using PresetPlanner.Presentation.Tables;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;
using Spectre.Console;

namespace PresetPlanner.Cli.Commands;

/// <summary><c>evaluate [MODEL] [CLUSTER] --tp N --pp N ...</c>: one layout with its full breakdown.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliOutput output)
    {
        var model = new ModelOptions();
        var cluster = new ClusterOptions(model);
        var training = new TrainingOptions();
        var parallel = new LayoutOptions(lists: false);
        var format = new FormatOption();
        var emit = new EmitOption();
        var budget = new BudgetOptions();
        var run = new RunOption();
        var command = new Command("evaluate", "Evaluate one layout: memory breakdown, communication per dimension and link, bubble, time, feasibility");
        model.AddTo(command);
        cluster.AddTo(command);
        training.AddTo(command);
        parallel.AddTo(command);
        format.AddTo(command);
        emit.AddTo(command);
        budget.AddTo(command);
        run.AddTo(command);
        command.SetAction(pr => output.Guard(() =>
        {
            ExportFramework? framework = emit.Read(pr, format);
            Budget? tokens = budget.Read(pr);
            // Any runnable layout is costed: a TP group across NVLink domains runs (slowly) in Megatron, so evaluate allows it.
            ModelPreset m = model.Read(pr);
            ClusterPreset c = cluster.Read(pr);
            TrainingSettings settings = training.Read(pr, m.Spec, c.Spec.Gpu);
            LaunchRun? launched = run.Read(pr, m.Spec, settings, parallel);
            var ctx = PlanningContext.Create(m, c, (launched?.Settings ?? settings) with { AllowCrossNodeTensorParallel = true });
            ParallelLayout layout = launched is LaunchRun r0 ? r0.On(c.Spec.GpuCount) : parallel.Layout(pr, ctx.Cluster);
            OutputFormat f = format.Read(pr);
            StrategyResult r = ctx.Evaluate(layout);
            if (!r.IsValid)
            {
                throw new UsageException($"invalid layout {LayoutText.Strategy(layout)}: {LayoutText.Reason(r)}");
            }

            if (framework is ExportFramework target)
            {
                EmitOption.Write(output.Out, output.Error, FrameworkExport.Write(target, ctx, layout));
            }
            else
            {
                Render(output, r, ctx, f, tokens, launched);
                if (launched is LaunchRun imported && f is OutputFormat.Table or OutputFormat.Markdown)
                {
                    output.Out.Write(RunComparison.Text(imported, ctx, r));
                }
            }

            return r.Fits ? CliOutput.Success : CliOutput.NothingFits;
        }));
        return command;
    }

    private static void Render(CliOutput output, in StrategyResult r, PlanningContext ctx, OutputFormat format, Budget? budget, LaunchRun? launched)
    {
        double watts = ctx.Cluster.Gpu.BoardWatts;
        string? timeToTrain = budget is Budget b && r.IsValid ? "Time to train " + BudgetLine.Of(r, ctx, b) : null;
        switch (format)
        {
            case OutputFormat.Json:
                output.Out.WriteLine(Json(r, ctx, budget, watts, launched));
                return;
            case OutputFormat.Csv:
                output.Out.Write(Csv.Format(Csv.Header(budget), [Csv.Strategy(r, 1, budget, watts, budget?.GoodputOf(r, ctx.Model, ctx.Settings, ctx.Cluster))]));
                return;
            case OutputFormat.Markdown:
                output.Out.Write(Markdown(r, ctx));
                if (timeToTrain is not null)
                {
                    output.Out.WriteLine(timeToTrain + ".");
                }

                return;
        }

        IAnsiConsole console = output.Console();
        console.WriteLine($"{ctx.ModelInfo.Name} on {ctx.ClusterInfo.Name}: {LayoutText.Full(r.Layout)}, {r.MicroBatches} micro-batches per step");
        if (ctx.Model.IsMoe)
        {
            console.WriteLine(LayoutText.RuntimeLine(ctx, r.Layout));
        }

        console.WriteLine($"Memory per GPU (stage {r.MostLoadedStage}, the most loaded): {Units.Gigabytes(r.Memory.Total)} of {Units.Gigabytes(r.CapacityBytes)}");
        (string Name, double Bytes, Color Colour)[] parts =
        [
            ("Weights", r.Memory.Weights, Color.Blue), ("Gradients", r.Memory.Gradients, Color.Green), ("Optimizer", r.Memory.Optimizer, Color.Yellow),
            ("Activations", r.Memory.Activations, Color.Red), ("Other", r.Memory.Other, Color.Grey),
        ];
        if (output.Colour)
        {
            var chart = new BreakdownChart().Width(80);
            foreach ((string name, double bytes, Color colour) in parts)
            {
                chart.AddItem(name, Math.Round(bytes / Units.GB, 1), colour);
            }

            console.Write(chart);
        }
        else
        {
            // Without colour the bars cannot be told apart: a legend with the figures and shares instead.
            double total = r.Memory.Total;
            console.WriteLine(string.Join("; ", parts.Select(p => $"{p.Name} {Units.Gigabytes(p.Bytes)} ({Units.Percent(total > 0 ? p.Bytes / total : 0)})")));
        }

        console.WriteLine();
        var comm = new Table().Border(TableBorder.Rounded).AddColumns("Dimension", "GB per GPU per step", "Link");
        foreach ((string dim, double bytes, GroupLink link) in Dimensions(r.Communication))
        {
            comm.AddRow(dim, Units.GigabytesNumber(bytes), Describe(link));
        }

        console.Write(comm);
        console.WriteLine($"Bubble: {Units.Percent(r.Bubble.Fraction)} of the step ({ScheduleText.BubbleFormula(r.Layout.EffectiveSchedule)} = {Units.Number(r.Bubble.Ratio, 4)})");
        console.WriteLine($"Step: {Units.Number(r.Time.StepSeconds, 3)} s, {Units.Count(r.Time.TokensPerSecondPerGpu)} tokens/s per GPU, MFU {Units.Percent(r.Time.Mfu)}, HFU {Units.Percent(r.Time.Hfu)}");
        if (r.IsValid)
        {
            console.WriteLine(BandText.Evaluation(ctx.Band, r.Time));
        }
        console.WriteLine(r.Fits ? "Fits: yes" : "Fits: no: " + LayoutText.Reason(r));
        if (timeToTrain is not null)
        {
            console.WriteLine(timeToTrain + ".");
        }
    }

    // The evaluate document: header, the strategy, and with --run what was read.
    private static string Json(StrategyResult row, PlanningContext ctx, Budget? budget, double watts, LaunchRun? launched) => JsonOutput.Write(w =>
        {
            JsonOutput.Header(w, "evaluate", ctx);
            w.WritePropertyName("strategy");
            JsonOutput.Strategy(w, row, ctx.Settings, ctx.Band, budget, watts, budget?.GoodputOf(row, ctx.Model, ctx.Settings, ctx.Cluster));
            if (launched is LaunchRun run)
            {
                w.WriteStartObject("run");
                w.WriteString("framework", Spelling.Of(run.Framework));
                w.WriteStartArray("notModelled");
                foreach (string item in run.NotModelled)
                {
                    w.WriteStringValue(item);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });

    private static string Markdown(in StrategyResult r, PlanningContext ctx)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(ctx.ModelInfo.Name).Append("** on **").Append(ctx.ClusterInfo.Name).Append("**: ").Append(LayoutText.Strategy(r.Layout)).Append("\n\n");
        var rows = new List<string[]>
        {
            new[] { "Weights", Units.GigabytesNumber(r.Memory.Weights) },
            new[] { "Gradients", Units.GigabytesNumber(r.Memory.Gradients) },
            new[] { "Optimizer", Units.GigabytesNumber(r.Memory.Optimizer) },
            new[] { "Activations", Units.GigabytesNumber(r.Memory.Activations) },
            new[] { "Other", Units.GigabytesNumber(r.Memory.Other) },
            new[] { "Total", Units.GigabytesNumber(r.Memory.Total) },
        };
        PlanText.AppendMarkdown(sb, ["Memory per GPU", "GB"], rows);
        sb.Append('\n');
        PlanText.AppendMarkdown(sb, ["Communication", "GB per GPU per step", "Link"], Dimensions(r.Communication).Select(d => new[] { d.Dimension, Units.GigabytesNumber(d.Bytes), Describe(d.Link) }).ToList());
        sb.Append('\n').Append("Bubble ").Append(Units.Percent(r.Bubble.Fraction)).Append("; step ").Append(Units.Number(r.Time.StepSeconds, 3))
            .Append(" s; ").Append(Units.Count(r.Time.TokensPerSecondPerGpu)).Append(" tokens/s per GPU; MFU ").Append(Units.Percent(r.Time.Mfu))
            .Append("; fits: ").Append(r.Fits ? "yes" : "no: " + LayoutText.Reason(r)).Append('\n');
        if (r.IsValid)
        {
            sb.Append('\n').Append(BandText.Evaluation(ctx.Band, r.Time)).Append('\n');
        }

        return sb.ToString();
    }

    private static (string Dimension, double Bytes, GroupLink Link)[] Dimensions(in CommunicationBreakdown c) =>
    [
        ("Tensor parallel", c.TensorParallel, c.Links.TensorParallel),
        ("Pipeline parallel", c.PipelineParallel, c.Links.PipelineParallel),
        ("Data parallel", c.DataParallel, c.Links.DataParallel),
        ("Context parallel", c.ContextParallel, c.Links.ContextParallel),
        ("Expert parallel", c.ExpertParallel, c.Links.ExpertParallel),
        ("Expert data parallel", c.ExpertDataParallel, c.Links.ExpertDataParallel),
    ];

    // "hierarchical (42.9% scale-out)" for a group split between the links, else the link's name.
    private static string Describe(in GroupLink link) => link.Kind == LinkKind.Hierarchical
        ? $"hierarchical ({Units.Percent(link.ScaleOutShare)} scale-out)"
        : Spelling.Of(link.Kind);
}
