using System.Text.RegularExpressions;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// The examples in docs/ are real output: every "$ preset-planner ..." line of a ```text block in docs/export.md,
/// docs/import.md and docs/cli.md is
/// run in-process, and what follows it (up to the next "$ " line or the block's end) must be what it prints.
/// </summary>
public partial class DocExampleTests
{
    public static TheoryData<string, string, string> Examples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string page in new[] { "export.md", "import.md", "cli.md" })
        {
            string text = File.ReadAllText(Path.Combine(Repository.Root, "docs", page)).ReplaceLineEndings("\n");
            foreach (Match block in TextBlock().Matches(text))
            {
                string[] lines = block.Groups[1].Value.Split('\n');
                for (int i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].StartsWith("$ preset-planner ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    int end = i + 1;
                    while (end < lines.Length && !lines[end].StartsWith("$ ", StringComparison.Ordinal))
                    {
                        end++;
                    }

                    data.Add(page, lines[i][2..], string.Join('\n', lines[(i + 1)..end]).TrimEnd('\n'));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_PrintsWhatThePageShows(string page, string commandLine, string expected)
    {
        // Paths in the examples are relative to the repository root, as a user in a clone types them.
        string root = Repository.Root + Path.DirectorySeparatorChar;
        string[] args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(a => a.StartsWith("tests/", StringComparison.Ordinal) ? root + a : a).ToArray();
        (_, string stdout, string stderr) = Cli.Run(args);
        Assert.True(expected.Length > 0, $"{page}: no output shown for {commandLine}");
        Assert.Equal(expected, (stdout + stderr).Replace(root, string.Empty, StringComparison.Ordinal).ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [GeneratedRegex("```text\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TextBlock();
}
