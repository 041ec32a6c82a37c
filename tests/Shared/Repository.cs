namespace PresetPlanner.Tests;

/// <summary>The repository root, found by walking up from the test binaries to PresetPlanner.sln (linked into every test project).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PresetPlanner.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("PresetPlanner.sln not found above " + AppContext.BaseDirectory);
    }
}
