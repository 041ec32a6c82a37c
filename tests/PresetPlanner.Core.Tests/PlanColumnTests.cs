namespace PresetPlanner.Core.Tests;

/// <summary>The table's columns sort by the typed values behind their cells, not by re-parsing printed text.</summary>
public class PlanColumnTests
{
    [Fact]
    public void Headers_RoundTripThroughTheirColumns()
    {
        foreach (PlanColumn column in Enum.GetValues<PlanColumn>())
        {
            Assert.True(PlanText.TryParseHeader(PlanText.Header(column), out PlanColumn parsed));
            Assert.Equal(column, parsed);
        }

        Assert.Equal(Enum.GetValues<PlanColumn>().Length, PlanText.Columns.Length);
        Assert.False(PlanText.TryParseHeader("Tokens/s", out _));
    }

    [Fact]
    public void SortKey_IsTheExactFigureBehindTheRoundedCell()
    {
        StrategyTable table = Presets.Llama8B.PlanOn(Presets.H100x8);
        StrategyResult row = table.Rows[0];

        Assert.Equal(row.Time.TokensPerSecondPerGpu, PlanText.SortKey(row, PlanColumn.TokensPerSecond));
        Assert.Equal(row.Memory.Total, PlanText.SortKey(row, PlanColumn.Memory));
        Assert.Equal(row.Layout.Tp, PlanText.SortKey(row, PlanColumn.Tp));
        Assert.Null(PlanText.SortKey(row, PlanColumn.Strategy));
        Assert.NotEqual(PlanText.Cells(row, 1)[(int)PlanColumn.TokensPerSecond], row.Time.TokensPerSecondPerGpu.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(PlanColumn.Memory, false, 50)]
    [InlineData(PlanColumn.TokensPerSecond, true, 50)]
    [InlineData(PlanColumn.Tp, false, 7)]
    [InlineData(PlanColumn.NvlinkShare, false, 5000)]
    [InlineData(PlanColumn.Strategy, true, 20)]
    [InlineData(PlanColumn.Rank, false, 30)]
    public void TopBy_IsTheFullStableSortTakenToTop(PlanColumn column, bool onlyFeasible, int top)
    {
        // The page's one-pass selection against the sort it replaced: every row ordered by its key (rows without one
        // last), ties in rank order, then the first rows taken.
        StrategyTable table = Presets.Llama70B.PlanOn(Presets.H100x64);
        int[] expected = [.. Enumerable.Range(0, table.Rows.Length)
            .Where(i => !onlyFeasible || table.Rows[i].Fits)
            .OrderByDescending(i => column == PlanColumn.Rank ? -i : PlanText.SortKey(table.Rows[i], column) ?? double.NegativeInfinity)
            .ThenBy(i => i)
            .Take(top)];

        int[] actual = table.TopBy(column, top, onlyFeasible);

        Assert.Equal(expected, actual);
        Assert.Equal(Math.Min(top, onlyFeasible ? table.FeasibleCount : table.Rows.Length), actual.Length);
    }
}
