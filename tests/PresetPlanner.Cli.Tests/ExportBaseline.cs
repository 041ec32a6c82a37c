namespace PresetPlanner.Cli.Tests;

/// <summary>
/// The exports' golden files, tests/PresetPlanner.Cli.Tests/Baselines/export/&lt;name&gt; (<see cref="GoldenFile"/>). Found
/// from the repository root, not [CallerFilePath]: a CI build (CI=true) maps source paths to /_/.
/// </summary>
internal static class ExportBaseline
{
    public static void Match(string name, string actual) =>
        GoldenFile.Match(Path.Combine(Repository.Root, "tests", "PresetPlanner.Cli.Tests", "Baselines", "export", name), actual);
}
