namespace PresetPlanner.Cli.Tests;

/// <summary>Help a terminal shows as written (issue 33): every line of every command's --help within 100 columns.</summary>
public class HelpWidthTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plan")]
    [InlineData("evaluate")]
    [InlineData("list")]
    [InlineData("validate")]
    [InlineData("min-gpus")]
    [InlineData("max-seq")]
    [InlineData("sweep")]
    public void Help_FitsOneHundredColumns(string command)
    {
        (int exit, string stdout, _) = Cli.Run(command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.Equal(0, exit);
        string[] lines = stdout.Split('\n');
        Assert.True(lines.Length > 5);
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= 100, $"{line.Length} columns: {line}"));
        // Preset ids are named by their slot, not listed in full (the MODEL argument once ran to 600 columns).
        Assert.DoesNotContain("bloom-176b|", stdout, StringComparison.Ordinal);
    }
}
