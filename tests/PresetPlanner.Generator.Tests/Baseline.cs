using System.Text.RegularExpressions;

namespace PresetPlanner.Generator.Tests;

/// <summary>
/// Compares generated code with checked-in files under Baselines/&lt;test&gt;/&lt;hint name&gt;.txt (line endings normalised,
/// generator version scrubbed). A missing baseline is written and the test fails; PRESETPLANNER_UPDATE_BASELINES=1 rewrites all.
/// </summary>
internal static partial class Baseline
{
    public static void Match(string testName, string hintName, string actual)
    {
        // From the repository root, not [CallerFilePath]: a CI build (CI=true) maps source paths to /_/.
        string path = Path.Combine(Repository.Root, "tests", "PresetPlanner.Generator.Tests", "Baselines", testName, hintName + ".txt");
        GoldenFile.Match(path, Scrub(actual));
    }

    private static string Scrub(string code) =>
        VersionPattern().Replace(code.ReplaceLineEndings("\n").TrimStart('\uFEFF'), "\"PresetPlanner.Generator\", \"FIXED_VERSION\"");

    [GeneratedRegex("\"PresetPlanner\\.Generator\", \"[0-9.]+\"")]
    private static partial Regex VersionPattern();
}
