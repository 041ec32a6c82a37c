using System.Globalization;
using PresetPlanner.Cli.Input;
using Spectre.Console;

namespace PresetPlanner.Cli.Output;

/// <summary>The sweep's table, JSON, CSV or markdown.</summary>
internal static class SweepOutput
{
    public static void Render(CliOutput output, SweepPoint[] points, OutputFormat format, TrainingSettings settings)
    {
        bool[] front = ParetoFront.OfSweep(points);
        string[] header = ["GPUs", "Strategy", "MBS", "ZeRO", "Recompute", "Memory/GPU (GB)", "Tokens/s/GPU", "Tokens/s (cluster)", "MFU", "Step (s)", "Pareto", "Evaluated/enumerated"];
        List<string[]> rows = points.Select((p, i) => Row(p, front[i])).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                output.Out.WriteLine(JsonOutput.Write(w =>
                {
                    w.WriteStartArray();
                    for (int i = 0; i < points.Length; i++)
                    {
                        SweepPoint p = points[i];
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

    private static string[] Row(in SweepPoint p, bool onFront)
    {
        SearchStatistics s = p.Result.Statistics;
        string counts = $"{s.Evaluated.ToString(CultureInfo.InvariantCulture)}/{s.Enumerated.ToString(CultureInfo.InvariantCulture)}";
        if (!p.Found)
        {
            return [I(p.Gpus), "nothing fits", "-", "-", "-", "-", "-", "-", "-", "-", "no", counts];
        }

        StrategyResult b = p.Best;
        return
        [
            I(p.Gpus), LayoutText.Strategy(b.Layout), I(b.Layout.MicroBatch), I(b.Layout.Zero), Spelling.Of(b.Layout.Recompute), Units.GigabytesNumber(b.Memory.Total),
            Units.Count(b.Time.TokensPerSecondPerGpu), Units.Count(b.Time.TokensPerSecondPerGpu * p.Gpus), Units.Percent(b.Time.Mfu), Units.Number(b.Time.StepSeconds, 3),
            onFront ? "yes" : "no", counts,
        ];
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
