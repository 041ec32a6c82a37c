namespace PresetPlanner.Cli.Tests;

/// <summary>The table fits 120 columns unless --wide; without colour the memory breakdown is a legend with figures.</summary>
public class TerminalOutputTests
{
    private static int Longest(string text, char first) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] == first).Max(l => l.TrimEnd('\r').Length);

    [Theory]
    [InlineData("llama-3.1-70b", "h100x64")]
    [InlineData("deepseek-v3", "h100x1024")]
    [InlineData("mixtral-8x7b", "gb200-nvl72")]
    public void Plan_DefaultTable_Fits120Columns(string model, string cluster)
    {
        (int exit, string stdout, _) = Cli.Run("plan", model, cluster, "--top", "5");
        Assert.True(exit is 0 or 1);
        Assert.InRange(Longest(stdout, '│'), 60, 120);
        Assert.Contains("Tokens/s/GPU", stdout, StringComparison.Ordinal);
        Assert.Contains("Memory/GPU (GB)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Wide_PrintsEveryColumn()
    {
        (_, string stdout, _) = Cli.Run("plan", "--top", "3", "--wide");
        foreach (string column in PlanText.Columns)
        {
            Assert.Contains(column, stdout, StringComparison.Ordinal);
        }

        Assert.True(Longest(stdout, '│') > 120);
    }

    [Fact]
    public void Evaluate_WithoutColour_BreakdownIsALegendWithFigures()
    {
        (int exit, string stdout, _) = Cli.Run("evaluate", "--tp", "8", "--pp", "4", "--no-color");
        Assert.Equal(0, exit);
        Assert.Matches("Weights [0-9.]+ GB \\([0-9.]+%\\); Gradients [0-9.]+ GB \\([0-9.]+%\\); Optimizer [0-9.]+ GB \\([0-9.]+%\\); Activations [0-9.]+ GB \\([0-9.]+%\\); Other [0-9.]+ GB \\([0-9.]+%\\)", stdout);
        Assert.DoesNotContain("█", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnAColourTerminal_DrawsTheChartAndNoColorTurnsItOff()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, CliApp.Run(["evaluate", "--tp", "8", "--pp", "4"], output, error, terminal: true, terminalWidth: 100));
        Assert.Contains("█", output.ToString(), StringComparison.Ordinal);

        using var plain = new StringWriter();
        Assert.Equal(0, CliApp.Run(["evaluate", "--tp", "8", "--pp", "4", "--no-color"], plain, error, terminal: true, terminalWidth: 100));
        Assert.DoesNotContain("█", plain.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", plain.ToString(), StringComparison.Ordinal);
    }
}
