namespace PresetPlanner.Web.Tests;

/// <summary>
/// A test that needs Chromium: skipped, saying why, where it is not installed (.ci/run installs Debian's chromium, so
/// CI always runs it); PRESETPLANNER_CHROMIUM names another executable.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>The Chromium executable, or null when none is installed.</summary>
    public static string? Chromium { get; } = new[] { Environment.GetEnvironmentVariable("PRESETPLANNER_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
        .FirstOrDefault(File.Exists);

    /// <summary>Skips the test when no Chromium is installed.</summary>
    public BrowserFactAttribute()
    {
        if (Chromium is null)
        {
            Skip = "Chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
        }

        Timeout = 600_000;
    }
}
