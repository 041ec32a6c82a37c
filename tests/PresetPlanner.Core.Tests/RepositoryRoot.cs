namespace PresetPlanner.Core.Tests;

/// <summary>The repository root, found by walking up from the test binaries to PresetPlanner.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "PresetPlanner.sln")))
        {
            dir = System.IO.Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("PresetPlanner.sln not found above " + AppContext.BaseDirectory);
    }
}
