using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace PresetPlanner.Generator.Tests;

/// <summary>
/// Compares generated code with checked-in files under Baselines/&lt;test&gt;/&lt;hint name&gt;.txt (line endings normalised,
/// generator version scrubbed). A missing baseline is written and the test fails; PRESETPLANNER_UPDATE_BASELINES=1 rewrites all.
/// </summary>
internal static partial class Baseline
{
    public static void Match(string testName, string hintName, string actual, [CallerFilePath] string callerPath = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Baselines", testName, hintName + ".txt");
        string normalized = Scrub(actual);
        bool update = Environment.GetEnvironmentVariable("PRESETPLANNER_UPDATE_BASELINES") == "1";
        if (update || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalized);
            Assert.True(update, $"Baseline {path} was missing and has been written; review it and run again.");
            return;
        }

        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, normalized);
    }

    private static string Scrub(string code) =>
        VersionPattern().Replace(code.ReplaceLineEndings("\n").TrimStart('\uFEFF'), "\"PresetPlanner.Generator\", \"FIXED_VERSION\"");

    [GeneratedRegex("\"PresetPlanner\\.Generator\", \"[0-9.]+\"")]
    private static partial Regex VersionPattern();
}
