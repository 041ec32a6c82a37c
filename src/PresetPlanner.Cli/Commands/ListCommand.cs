using System.CommandLine;
using System.Text;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using Spectre.Console;

namespace PresetPlanner.Cli.Commands;

/// <summary><c>list models|gpus|clusters</c>: the catalog with key figures, or every field as JSON, CSV or markdown.</summary>
internal static class ListCommand
{
    public static Command Create(CliOutput output)
    {
        var kind = new Argument<string>("KIND") { Description = "models, gpus or clusters" };
        var format = new Option<string?>("--format") { Description = "table (default), markdown, json or csv" };
        var command = new Command("list", "List the presets compiled into this build") { kind, format };
        command.SetAction(pr => output.Guard(() =>
        {
            string k = pr.GetValue(kind)!.Trim().ToLowerInvariant();
            string f = pr.GetValue(format)?.Trim().ToLowerInvariant() ?? "table";
            (string[] Header, List<string[]> Rows, Action<System.Text.Json.Utf8JsonWriter> Json) data = k switch
            {
                "models" => Models(),
                "gpus" => Gpus(),
                "clusters" => Clusters(),
                _ => throw new UsageException($"list: '{k}' is not models, gpus or clusters"),
            };
            switch (f)
            {
                case "json":
                    output.Out.WriteLine(JsonOutput.Write(data.Json));
                    break;
                case "csv":
                    output.Out.Write(Csv.Format(data.Header, data.Rows));
                    break;
                case "markdown" or "md":
                    var sb = new StringBuilder();
                    StrategyTable.AppendMarkdown(sb, data.Header, data.Rows);
                    output.Out.Write(sb.ToString());
                    break;
                case "table":
                    var table = new Table().Border(TableBorder.Rounded).AddColumns(data.Header.Select(Markup.Escape).ToArray());
                    foreach (string[] row in data.Rows)
                    {
                        table.AddRow(row.Select(Markup.Escape).ToArray());
                    }

                    output.Console().Write(table);
                    break;
                default:
                    throw new UsageException($"--format: '{f}' is not table, markdown, json or csv");
            }

            return 0;
        }));
        return command;
    }

    private static (string[], List<string[]>, Action<System.Text.Json.Utf8JsonWriter>) Models()
    {
        string[] header = ["id", "name", "parameters", "active", "layers", "hidden", "heads", "kvHeads", "ffnHidden", "vocab", "experts", "attention"];
        var rows = new List<string[]>();
        for (int i = 0; i < Presets.Models.Count; i++)
        {
            ModelSpec m = Presets.Models.All[i];
            PresetInfo info = Presets.Models.InfoAt(i);
            rows.Add([info.Id, info.Name, Units.Parameters(ParameterCount.Total(m)), Units.Parameters(ParameterCount.Active(m)), I(m.Layers), I(m.Hidden), I(m.Heads), I(m.KvHeads), I(m.FfnHidden), I(m.Vocab), m.IsMoe ? $"{m.Experts} (top-{m.ActiveExperts})" : "-", m.Attention.ToString().ToUpperInvariant()]);
        }

        return (header, rows, WriteModelsJson);
    }

    private static void WriteModelsJson(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray();
        for (int i = 0; i < Presets.Models.Count; i++)
        {
            PresetInfo info = Presets.Models.InfoAt(i);
            JsonOutput.Model(w, Presets.Models.All[i], info.Id, info.Name, info.Source);
        }

        w.WriteEndArray();
    }

    private static (string[], List<string[]>, Action<System.Text.Json.Utf8JsonWriter>) Gpus()
    {
        string[] header = ["id", "name", "memory (GiB)", "memory (GB)", "HBM (TB/s)", "BF16 dense (TFLOP/s)", "FP8 dense (TFLOP/s)", "scale-up (GB/s/dir)", "domain", "scale-out (GB/s/dir)"];
        var rows = new List<string[]>();
        for (int i = 0; i < Presets.Gpus.Count; i++)
        {
            GpuSpec g = Presets.Gpus.All[i];
            PresetInfo info = Presets.Gpus.InfoAt(i);
            rows.Add([info.Id, info.Name, Units.Number(g.MemoryBytes / Units.GiB), Units.Number(g.MemoryBytes / Units.GB), Units.Number(g.MemoryBytesPerSecond / 1e12, 3), Units.Number(g.PeakBf16FlopsPerSecond / 1e12), g.PeakFp8FlopsPerSecond > 0 ? Units.Number(g.PeakFp8FlopsPerSecond / 1e12) : "-", Units.Number(g.ScaleUpBytesPerSecond / 1e9), I(g.ScaleUpDomain), Units.Number(g.ScaleOutBytesPerSecond / 1e9)]);
        }

        return (header, rows, WriteGpusJson);
    }

    private static void WriteGpusJson(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray();
        for (int i = 0; i < Presets.Gpus.Count; i++)
        {
            PresetInfo info = Presets.Gpus.InfoAt(i);
            JsonOutput.Gpu(w, Presets.Gpus.All[i], info.Id, info.Name, info.Source);
        }

        w.WriteEndArray();
    }

    private static (string[], List<string[]>, Action<System.Text.Json.Utf8JsonWriter>) Clusters()
    {
        string[] header = ["id", "name", "gpu", "gpus", "per node", "nodes", "scale-out (GB/s/GPU/dir)"];
        var rows = new List<string[]>();
        for (int i = 0; i < Presets.Clusters.Count; i++)
        {
            ClusterSpec c = Presets.Clusters.All[i];
            PresetInfo info = Presets.Clusters.InfoAt(i);
            rows.Add([info.Id, info.Name, JsonOutput.GpuId(c.Gpu), I(c.GpuCount), I(c.GpusPerNode), I(c.Nodes), Units.Number(c.ScaleOutBytesPerSecond / 1e9)]);
        }

        return (header, rows, WriteClustersJson);
    }

    private static void WriteClustersJson(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray();
        for (int i = 0; i < Presets.Clusters.Count; i++)
        {
            PresetInfo info = Presets.Clusters.InfoAt(i);
            JsonOutput.Cluster(w, Presets.Clusters.All[i], info.Id, info.Name, info.Source);
        }

        w.WriteEndArray();
    }

    private static string I(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
