namespace PresetPlanner.Tests;

/// <summary>
/// Compares text with a checked-in golden file (line endings normalised). A missing file is written and the test
/// fails; PRESETPLANNER_UPDATE_BASELINES=1 rewrites every golden file, for review in the diff (linked into the test
/// projects that keep baselines).
/// </summary>
internal static class GoldenFile
{
    public static void Match(string path, string actual)
    {
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
