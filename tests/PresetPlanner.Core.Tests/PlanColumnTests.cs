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
}
