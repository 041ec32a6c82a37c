using System.Globalization;
using System.Text;
using PresetPlanner.Planning;
using PresetPlanner.Presentation.Reasons;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Tables;

/// <summary>
/// A plan as plain text: the header, the ranked rows as a markdown table, the recommendation with its reasons and the
/// counts (docs/model.md explains every column). Extension methods on the engine's <see cref="StrategyTable"/>.
/// </summary>
public static class PlanText
{
    /// <summary>Column headers of the text and markdown tables, indexed by <see cref="PlanColumn"/>.</summary>
    public static readonly string[] Columns =
    [
        "#", "Strategy", "TP", "PP", "DP", "CP", "EP", "VP", "MBS", "ZeRO", "Recompute", "SP",
        "Memory/GPU (GB)", "Comm/GPU/step (GB)", "NVLink share", "Bubble", "Tokens/s/GPU", "MFU", "Fits",
    ];

    /// <summary>The header of <paramref name="column"/>.</summary>
    public static string Header(PlanColumn column) => Columns[(int)column];

    /// <summary>The column whose header is <paramref name="header"/>, or false.</summary>
    public static bool TryParseHeader(string? header, out PlanColumn column)
    {
        int index = Array.IndexOf(Columns, header);
        column = (PlanColumn)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>
    /// The value a table sorts <paramref name="column"/> by, larger first, from the result itself (not its printed
    /// cell); null for a column that is text or a row that shows "-" there (those keep the planner's order).
    /// </summary>
    public static double? SortKey(in StrategyResult r, PlanColumn column)
    {
        ParallelLayout l = r.Layout;
        bool valid = r.IsValid;
        return column switch
        {
            PlanColumn.Tp => l.Tp,
            PlanColumn.Pp => l.Pp,
            PlanColumn.Dp => l.Dp,
            PlanColumn.Cp => l.Cp,
            PlanColumn.Ep => l.Ep,
            PlanColumn.Vp => l.Vp,
            PlanColumn.MicroBatch => l.MicroBatch,
            PlanColumn.Zero => l.Zero,
            PlanColumn.Memory when valid => r.Memory.Total,
            PlanColumn.Communication when valid => r.Communication.Total,
            PlanColumn.NvlinkShare when valid && r.Communication.Total > 0 => r.Communication.OnScaleUp / r.Communication.Total,
            PlanColumn.Bubble when valid => r.Bubble.Fraction,
            PlanColumn.TokensPerSecond when valid => r.Time.TokensPerSecondPerGpu,
            PlanColumn.Mfu when valid => r.Time.Mfu,
            _ => null,
        };
    }

    /// <summary>The cells of one row, in <see cref="Columns"/> order.</summary>
    public static string[] Cells(in StrategyResult r, int rank) => Cells(r, rank, recommended: false);

    /// <summary>
    /// <see cref="Cells(in StrategyResult, int)"/>, with the rank marked <see cref="RecommendedMark"/> on the
    /// recommended row (<see cref="StrategyTable.RecommendedIndex"/>).
    /// </summary>
    public static string[] Cells(in StrategyResult r, int rank, bool recommended)
    {
        ParallelLayout l = r.Layout;
        bool valid = r.IsValid;
        return
        [
            rank.ToString(CultureInfo.InvariantCulture) + (recommended ? RecommendedMark : string.Empty), LayoutText.Strategy(l), I(l.Tp), I(l.Pp), I(l.Dp), I(l.Cp), I(l.Ep), I(l.Vp),
            I(l.MicroBatch), I(l.Zero), Spelling.Of(l.Recompute), l.SequenceParallel ? "yes" : "no",
            valid ? Units.GigabytesNumber(r.Memory.Total) : "-",
            valid ? Units.GigabytesNumber(r.Communication.Total) : "-",
            valid && r.Communication.Total > 0 ? Units.Percent(r.Communication.OnScaleUp / r.Communication.Total) : "-",
            valid ? Units.Percent(r.Bubble.Fraction) : "-",
            valid ? Units.Count(r.Time.TokensPerSecondPerGpu) : "-",
            valid ? Units.Percent(r.Time.Mfu) : "-",
            r.Fits ? (r.Tight ? "Tight" : "Yes") : "No: " + LayoutText.Reason(r),
        ];
    }

    /// <summary>What marks the recommended row's rank: "20 *".</summary>
    public const string RecommendedMark = " *";

    /// <summary>
    /// The indices of the rows a table of <paramref name="top"/> rows prints: the first <paramref name="top"/> (of those
    /// that fit, when asked), then the recommended row if it was not among them, so the recommendation is always shown.
    /// </summary>
    public static IEnumerable<int> Shown(this StrategyTable table, int top, bool onlyFeasible)
    {
        ArgumentNullException.ThrowIfNull(table);
        bool recommendedShown = table.RecommendedIndex < 0;
        foreach (int i in table.Top(top, onlyFeasible))
        {
            recommendedShown |= i == table.RecommendedIndex;
            yield return i;
        }

        if (!recommendedShown)
        {
            yield return table.RecommendedIndex;
        }
    }

    /// <summary>The indices of the first <paramref name="top"/> rows (of those that fit, when asked), best first.</summary>
    public static IEnumerable<int> Top(this StrategyTable table, int top, bool onlyFeasible)
    {
        ArgumentNullException.ThrowIfNull(table);
        int taken = 0;
        for (int i = 0; i < table.Rows.Length && taken < top; i++)
        {
            if (!onlyFeasible || table.Rows[i].Fits)
            {
                taken++;
                yield return i;
            }
        }
    }

    /// <summary>
    /// The indices of the <paramref name="top"/> rows (of those that fit, when asked) with the largest
    /// <see cref="SortKey"/> of <paramref name="column"/>, largest first, ties and rows without a key (text columns, "-"
    /// cells: after those with one) in rank order; <see cref="Top"/> for the rank column. One pass over the table keeping
    /// the best <paramref name="top"/> so far, so a table of any size costs what reading it costs, not a sort of it.
    /// </summary>
    public static int[] TopBy(this StrategyTable table, PlanColumn column, int top, bool onlyFeasible)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (column == PlanColumn.Rank || top <= 0)
        {
            return [.. table.Top(top, onlyFeasible)];
        }

        ReadOnlySpan<StrategyResult> rows = table.Rows;
        int[] best = new int[Math.Min(top, rows.Length)];
        double[] keys = new double[best.Length];
        int count = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            if (onlyFeasible && !rows[i].Fits)
            {
                continue;
            }

            // A row without a key ranks below every key; among equals the earlier rank stays first (i only grows).
            double key = SortKey(rows[i], column) ?? double.NegativeInfinity;
            if (count == best.Length && key <= keys[count - 1])
            {
                continue;
            }

            int at = count == best.Length ? count - 1 : count++;
            while (at > 0 && keys[at - 1] < key)
            {
                keys[at] = keys[at - 1];
                best[at] = best[at - 1];
                at--;
            }

            keys[at] = key;
            best[at] = i;
        }

        return best[..count];
    }

    /// <summary>The rows printed when no count is given.</summary>
    public const int DefaultTop = 12;

    /// <summary>The header, the top <see cref="DefaultTop"/> rows, the recommendation with its reasons and the counts.</summary>
    public static string ToText(this StrategyTable table) => table.ToString(DefaultTop);

    /// <summary>The header, the top <paramref name="top"/> rows, the recommendation with its reasons and the counts.</summary>
    public static string ToString(this StrategyTable table, int top)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(table.Describe()).Append('\n').Append('\n');
        var rows = new List<string[]>();
        ReadOnlySpan<StrategyResult> ranked = table.Rows;
        foreach (int i in table.Shown(top, onlyFeasible: false))
        {
            rows.Add(Cells(ranked[i], i + 1, i == table.RecommendedIndex));
        }

        AppendMarkdown(sb, Columns, rows);
        sb.Append('\n').Append(table.Summary());
        return sb.ToString();
    }

    /// <summary>The recommendation, its reasons and the counts of layouts that fit, run out of memory or are invalid.</summary>
    public static string Summary(this StrategyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        AppendRecommendation(sb, table);
        sb.Append(Counts(table)).Append('\n');
        if (table.CrossDomainTpLeftOut > 0)
        {
            sb.Append("TP ").Append(Units.Count(table.CrossDomainTpLeftOut)).Append(" and above would span NVLink domains of ").Append(Units.Count(table.Context.DomainShare))
                .Append(" GPUs of this job and are left out (their per-layer collectives cross the network); allow cross-domain TP to rank them, or evaluate one.\n");
        }

        if (table.Context.Settings.Framework is ExportFramework framework)
        {
            sb.Append(FrameworkText.LeftOut(framework, table.FrameworkLeftOut)).Append('\n');
        }

        if (table.Rows.Length > 0)
        {
            sb.Append(BandText.Footnote(table.Context.Band)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// How many layouts are valid, fit and run out of memory: "20,760 valid layouts: 4,394 fit, 16,366 out of memory.",
    /// and, past <see cref="StrategyTable.MaxRows"/>, how many the table holds.
    /// </summary>
    public static string Counts(this StrategyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        string counts = $"{Units.Count(table.LayoutCount)} valid layouts: {Units.Count(table.FeasibleCount)} fit, {Units.Count(table.OutOfMemoryCount)} out of memory.";
        return table.Truncated ? counts + $" The table holds the best {Units.Count(table.Rows.Length)}." : counts;
    }

    /// <summary>Two lines: what was planned on what, and with which settings.</summary>
    public static string Describe(this StrategyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return LayoutText.Describe(table.Context);
    }

    /// <summary>Appends a markdown table.</summary>
    public static void AppendMarkdown(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(sb);
        using var writer = new StringWriter(sb, CultureInfo.InvariantCulture);
        WriteMarkdown(writer, header, () => rows);
    }

    /// <summary>
    /// Writes a markdown table to <paramref name="writer"/> line by line: <paramref name="rows"/> is walked twice (once
    /// for the column widths), so a table of any length is written without holding its cells.
    /// </summary>
    public static void WriteMarkdown(TextWriter writer, IReadOnlyList<string> header, Func<IEnumerable<string[]>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        int[] widths = header.Select(h => h.Length).ToArray();
        foreach (string[] row in rows())
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var line = new StringBuilder();
        WriteLine(writer, line, header, widths);
        line.Clear().Append('|');
        foreach (int w in widths)
        {
            line.Append('-', w + 2).Append('|');
        }

        writer.Write(line.Append('\n'));
        foreach (string[] row in rows())
        {
            WriteLine(writer, line, row, widths);
        }
    }

    private static void AppendRecommendation(StringBuilder sb, StrategyTable table)
    {
        ReadOnlySpan<StrategyResult> rows = table.Rows;
        if (!table.TryGetRecommended(out StrategyResult best))
        {
            sb.Append("Recommended: none; no layout fits. ");
            if (rows.Length > 0)
            {
                sb.Append("Closest: ").Append(LayoutText.Strategy(rows[0].Layout)).Append(" (").Append(LayoutText.Reason(rows[0])).Append(").");
            }
            else if (!table.FirstExclusion.IsNone)
            {
                sb.Append("The layout rules exclude every layout of the space: ").Append(LayoutText.Reason(table.FirstExclusion)).Append('.');
            }

            sb.Append('\n');
            return;
        }

        sb.Append("Recommended: ").Append(Recommendation.Headline(best))
            .Append(" (row ").Append(Units.Count(table.RecommendedIndex + 1)).Append(", marked").Append(RecommendedMark).Append(')')
            .Append('\n').Append("Reasoning:\n");
        foreach (string reason in Recommendation.Sentences(table))
        {
            sb.Append("- ").Append(reason).Append('\n');
        }
    }

    private static void WriteLine(TextWriter writer, StringBuilder line, IReadOnlyList<string> cells, int[] widths)
    {
        line.Clear().Append('|');
        for (int i = 0; i < widths.Length; i++)
        {
            line.Append(' ').Append(cells[i]).Append(' ', widths[i] - cells[i].Length).Append(" |");
        }

        writer.Write(line.Append('\n'));
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
