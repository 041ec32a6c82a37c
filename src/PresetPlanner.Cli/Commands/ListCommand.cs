using System.CommandLine;
using System.Text;
using PresetPlanner.Cli.Input;
using PresetPlanner.Cli.Output;
using PresetPlanner.Presentation.Tables;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;
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
            OutputFormat f = FormatOption.Parse(pr.GetValue(format));
            (string[] Header, List<string[]> Rows, Action<System.Text.Json.Utf8JsonWriter> Json) data = k switch
            {
                "models" => Models(),
                "gpus" => Gpus(),
                "clusters" => Clusters(),
                _ => throw new UsageException($"list: '{k}' is not models, gpus or clusters"),
            };
            switch (f)
            {
                case OutputFormat.Json:
                    output.Out.WriteLine(JsonOutput.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteNumber("schemaVersion", JsonOutput.SchemaVersion);
                        w.WriteString("command", "list");
                        w.WriteString("kind", k);
                        w.WritePropertyName("items");
                        data.Json(w);
                        w.WriteEndObject();
                    }));
                    break;
                case OutputFormat.Csv:
                    (string[] header, List<string[]> rows) = Flatten(JsonOutput.Write(data.Json));
                    output.Out.Write(Csv.Format(header, rows));
                    break;
                case OutputFormat.Markdown:
                    (string[] mdHeader, List<string[]> mdRows) = Flatten(JsonOutput.Write(data.Json));
                    var sb = new StringBuilder();
                    PlanText.AppendMarkdown(sb, mdHeader, mdRows);
                    output.Out.Write(sb.ToString());
                    break;
                default:
                    var table = new Table().Border(TableBorder.Rounded).AddColumns(data.Header.Select(Markup.Escape).ToArray());
                    foreach (string[] row in data.Rows)
                    {
                        table.AddRow(row.Select(Markup.Escape).ToArray());
                    }

                    output.Console().Write(table);
                    break;
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
            ModelSpec m = Presets.Models.All[i].Spec;
            PresetInfo info = Presets.Models.All[i].Info;
            rows.Add([info.Id, info.Name, Units.Parameters(m.TotalParameters), Units.Parameters(m.ActiveParameters), I(m.Layers), I(m.Hidden), I(m.Heads), I(m.KvHeads), I(m.FfnHidden), I(m.Vocab), m.IsMoe ? $"{m.Experts} (top-{m.ActiveExperts})" : "-", Attention(m)]);
        }

        return (header, rows, WriteModelsJson);
    }

    // A hybrid's layers in Megatron-Core's pattern symbols: "gqa, hybrid 24M 4* 24- 0E"; a local window and the share of
    // layers it holds: "gqa, window 128 on 1/2", "gqa, chunks 8192 on 3/4".
    private static string Attention(in ModelSpec m) => (m.IsHybrid
        ? $"{Spelling.Of(m.Attention)}, hybrid {I(m.Hybrid.Mamba)}M {I(m.Hybrid.Attention)}* {I(m.Hybrid.Mlp)}- {I(m.Hybrid.Moe)}E"
        : Spelling.Of(m.Attention))
        + (m.AttentionWindow <= 0 ? string.Empty
            : $", {(m.ChunkedAttention ? "chunks" : "window")} {I(m.AttentionWindow)} on {(m.GlobalAttentionInterval <= 0 ? "all" : $"{I(m.GlobalAttentionInterval - 1)}/{I(m.GlobalAttentionInterval)}")}");

    private static void WriteModelsJson(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (ModelPreset model in Presets.Models.All)
        {
            JsonOutput.Model(w, model);
        }

        w.WriteEndArray();
    }

    private static (string[], List<string[]>, Action<System.Text.Json.Utf8JsonWriter>) Gpus()
    {
        string[] header = ["id", "name", "memory (GiB)", "memory (GB)", "HBM (TB/s)", "BF16 dense (TFLOP/s)", "FP8 dense (TFLOP/s)", "scale-up (GB/s/dir)", "domain", "scale-out (GB/s/dir)"];
        var rows = new List<string[]>();
        for (int i = 0; i < Presets.Gpus.Count; i++)
        {
            GpuSpec g = Presets.Gpus.All[i].Spec;
            PresetInfo info = Presets.Gpus.All[i].Info;
            rows.Add([info.Id, info.Name, Units.Number(g.MemoryBytes / Units.GiB), Units.Number(g.MemoryBytes / Units.GB), Units.Number(g.MemoryBytesPerSecond / 1e12, 3), Units.Number(g.PeakBf16FlopsPerSecond / 1e12), g.PeakFp8FlopsPerSecond > 0 ? Units.Number(g.PeakFp8FlopsPerSecond / 1e12) : "-", Units.Number(g.ScaleUpBytesPerSecond / 1e9), I(g.ScaleUpDomain), Units.Number(g.ScaleOutBytesPerSecond / 1e9)]);
        }

        return (header, rows, WriteGpusJson);
    }

    private static void WriteGpusJson(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (GpuPreset gpu in Presets.Gpus.All)
        {
            JsonOutput.Gpu(w, gpu);
        }

        w.WriteEndArray();
    }

    private static (string[], List<string[]>, Action<System.Text.Json.Utf8JsonWriter>) Clusters()
    {
        string[] header = ["id", "name", "gpu", "gpus", "per node", "nodes", "scale-out (GB/s/GPU/dir)"];
        var rows = new List<string[]>();
        for (int i = 0; i < Presets.Clusters.Count; i++)
        {
            ClusterSpec c = Presets.Clusters.All[i].Spec;
            PresetInfo info = Presets.Clusters.All[i].Info;
            rows.Add([info.Id, info.Name, Presets.Clusters.All[i].GpuInfo.Id, I(c.GpuCount), I(c.GpusPerNode), I(c.Nodes), Units.Number(c.ScaleOutBytesPerSecond / 1e9)]);
        }

        return (header, rows, WriteClustersJson);
    }

    private static void WriteClustersJson(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (ClusterPreset cluster in Presets.Clusters.All)
        {
            JsonOutput.Cluster(w, cluster);
        }

        w.WriteEndArray();
    }

    /// <summary>Every field of every preset as columns ("moe.experts", "gpu.id"), from the JSON so the formats agree.</summary>
    private static (string[] Header, List<string[]> Rows) Flatten(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var header = new List<string>();
        var rows = new List<Dictionary<string, string>>();
        foreach (System.Text.Json.JsonElement entry in document.RootElement.EnumerateArray())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            Walk(entry, string.Empty, row, header);
            rows.Add(row);
        }

        return ([.. header], rows.Select(r => header.Select(h => r.GetValueOrDefault(h, string.Empty)).ToArray()).ToList());
    }

    private static void Walk(System.Text.Json.JsonElement element, string prefix, Dictionary<string, string> row, List<string> header)
    {
        foreach (System.Text.Json.JsonProperty property in element.EnumerateObject())
        {
            string key = prefix + property.Name;
            if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                Walk(property.Value, key + ".", row, header);
                continue;
            }

            if (!header.Contains(key))
            {
                header.Add(key);
            }

            row[key] = property.Value.ValueKind == System.Text.Json.JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
    }

    private static string I(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
