using System.Runtime.CompilerServices;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Compares an export with its checked-in golden file, Baselines/export/&lt;name&gt;; a missing file is written and the
/// test fails; PRESETPLANNER_UPDATE_BASELINES=1 rewrites all (then review the diff).
/// </summary>
internal static class ExportBaseline
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Baselines", "export", name);
        string normalized = actual.ReplaceLineEndings("\n");
        bool update = Environment.GetEnvironmentVariable("PRESETPLANNER_UPDATE_BASELINES") == "1";
        if (update || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalized);
            Assert.True(update, $"Baseline {path} was missing and has been written; review it and run again.");
            return;
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), normalized);
    }
}
