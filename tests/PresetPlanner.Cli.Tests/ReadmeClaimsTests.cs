using System.Text.RegularExpressions;

namespace PresetPlanner.Cli.Tests;

/// <summary>The README's example output and figures are the program's, not prose that drifts.</summary>
public partial class ReadmeClaimsTests
{
    private static readonly string s_readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Readme_SeedExample_IsWhatPlanTop5Prints()
    {
        (int exit, string stdout, _) = Cli.Run("plan", "--top", "5");

        Assert.Equal(0, exit);
        Assert.True(s_readme.Contains(stdout.TrimEnd('\n'), StringComparison.Ordinal), "README's example is stale: paste the output of `dotnet run --project src/PresetPlanner.Cli -- plan --top 5`");
    }

    [Fact]
    public void Readme_QuickStart_HasExactlyTheTwoCommands()
    {
        string quickStart = s_readme[s_readme.IndexOf("## Quick start", StringComparison.Ordinal)..s_readme.IndexOf("## Library", StringComparison.Ordinal)];
        string[] commands = quickStart.Split('\n').Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project src/PresetPlanner.Cli ", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test ", commands[1], StringComparison.Ordinal);
        Assert.Contains("dotnet test", File.ReadAllText(Path.Combine(Repository.Root, ".ci", "run")), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ValidationFigure_MatchesTheValidationPage()
    {
        string page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "validation.md"));
        Match all = AllRow().Match(page);

        Assert.True(all.Success);
        Assert.Contains($"median absolute tokens/s error is {all.Groups["median"].Value}", s_readme, StringComparison.Ordinal);
        Assert.Contains($"on the {all.Groups["rows"].Value} calibration runs", s_readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\| \*\*all\*\* \| (?<rows>\d+) \| \*\*(?<median>[0-9.]+%)\*\*")]
    private static partial Regex AllRow();
}
