
namespace PresetPlanner.Cli.Output;

/// <summary>The plan document: model, cluster, training, strategies best first, recommended (or null) and its reasons.</summary>
internal static class PlanJson
{
    public static string Write(StrategyTable table, string modelId, IEnumerable<StrategyResult> rows) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("model");
        JsonOutput.Model(w, table.Model, modelId, table.ModelName, null);
        w.WritePropertyName("cluster");
        JsonOutput.Cluster(w, table.Cluster, table.ClusterName.Split(' ')[0], table.ClusterName, null);
        w.WritePropertyName("training");
        JsonOutput.Training(w, table.Settings);
        w.WriteStartObject("counts");
        w.WriteNumber("layouts", table.Rows.Length);
        w.WriteNumber("feasible", table.FeasibleCount);
        w.WriteNumber("outOfMemory", table.OutOfMemoryCount);
        w.WriteNumber("invalid", table.InvalidCount);
        w.WriteEndObject();
        w.WriteStartArray("strategies");
        foreach (StrategyResult r in rows)
        {
            JsonOutput.Strategy(w, r, table.Settings);
        }

        w.WriteEndArray();
        w.WritePropertyName("recommended");
        if (table.Recommended is StrategyResult best)
        {
            JsonOutput.Strategy(w, best, table.Settings);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteStartArray("reasons");
        foreach (string reason in table.Reasons)
        {
            w.WriteStringValue(reason);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
