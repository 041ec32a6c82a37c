using PresetPlanner.Planning;
using PresetPlanner.Presentation.Reasons;
using PresetPlanner.Results;
using PresetPlanner.Search;
using PresetPlanner.Settings;

namespace PresetPlanner.Cli.Output;

/// <summary>The plan document: model, cluster, training, strategies best first, recommended (or null) and its reasons.</summary>
internal static class PlanJson
{
    /// <summary>Writes the document for the rows at <paramref name="rows"/> (indices into the table) to <paramref name="writer"/>, streaming the strategies.</summary>
    public static void Write(TextWriter writer, StrategyTable table, IEnumerable<int> rows, PlanExtras? extras = null, Input.Budget? budget = null) => JsonOutput.Write(writer, w =>
    {
        PlanningContext ctx = table.Context;
        double watts = ctx.Cluster.Gpu.BoardWatts;
        TrainingSettings settings = ctx.Settings;
        JsonOutput.Header(w, "plan", ctx);
        w.WriteStartObject("counts");
        w.WriteNumber("layouts", table.LayoutCount);
        w.WriteNumber("feasible", table.FeasibleCount);
        w.WriteNumber("outOfMemory", table.OutOfMemoryCount);
        w.WriteEndObject();
        w.WriteStartArray("strategies");
        int written = 0;
        foreach (int i in rows)
        {
            JsonOutput.Strategy(w, table.Rows[i], settings, ctx.Band, budget, watts, budget?.GoodputOf(table.Rows[i], ctx.Model, settings, ctx.Cluster));
            if (++written % 256 == 0)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
        w.WritePropertyName("recommended");
        if (table.TryGetRecommended(out StrategyResult best))
        {
            JsonOutput.Strategy(w, best, settings, ctx.Band, budget, watts, budget?.GoodputOf(best, ctx.Model, settings, ctx.Cluster));
        }
        else
        {
            w.WriteNullValue();
        }

        if (table.RecommendedIndex >= 0)
        {
            w.WriteNumber("recommendedRank", table.RecommendedIndex + 1);
        }
        else
        {
            w.WriteNull("recommendedRank");
        }

        w.WriteStartArray("reasons");
        foreach (string reason in Recommendation.Sentences(table))
        {
            w.WriteStringValue(reason);
        }

        w.WriteEndArray();
        if (extras?.Pareto is StrategyResult[] front)
        {
            w.WriteStartArray("paretoFront");
            foreach (StrategyResult r in front)
            {
                JsonOutput.Strategy(w, r, settings, ctx.Band, budget, watts, budget?.GoodputOf(r, ctx.Model, settings, ctx.Cluster));
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
            w.WriteNumber("wallSeconds", extras.Seconds);
            w.WriteNumber("configurationsPerSecond", extras.Seconds > 0 ? s.Enumerated / extras.Seconds : 0);
            w.WriteNumber("allocatedBytes", extras.AllocatedBytes);
            w.WriteNumber("cores", extras.Cores);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });
}
