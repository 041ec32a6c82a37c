
namespace PresetPlanner.Cli.Output;

/// <summary>The plan document: model, cluster, training, strategies best first, recommended (or null) and its reasons.</summary>
internal static class PlanJson
{
    public static string Write(StrategyTable table, string modelId, IEnumerable<StrategyResult> rows, Commands.PlanExtras? extras = null) => JsonOutput.Write(w =>
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
        if (extras?.Pareto is StrategyResult[] front)
        {
            w.WriteStartArray("paretoFront");
            foreach (StrategyResult r in front)
            {
                JsonOutput.Strategy(w, r, table.Settings);
            }

            w.WriteEndArray();
        }

        if (extras?.Statistics is SearchStatistics s)
        {
            w.WriteStartObject("stats");
            w.WriteNumber("candidates", extras.Candidates);
            w.WriteNumber("enumerated", s.Enumerated);
            w.WriteNumber("evaluated", s.Evaluated);
            w.WriteNumber("feasible", s.Feasible);
            w.WriteNumber("wallSeconds", s.Seconds);
            w.WriteNumber("configurationsPerSecond", s.ConfigurationsPerSecond);
            w.WriteNumber("allocatedBytes", s.AllocatedBytes);
            w.WriteNumber("cores", extras.Cores);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });
}
