using System.Runtime.CompilerServices;

namespace PresetPlanner.Cli.Tests;

/// <summary>The exports' golden files, Baselines/export/&lt;name&gt; beside this file (<see cref="GoldenFile"/>).</summary>
internal static class ExportBaseline
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "") =>
        GoldenFile.Match(Path.Combine(Path.GetDirectoryName(callerPath)!, "Baselines", "export", name), actual);
}
