namespace PresetPlanner.Tests;

/// <summary>A file with the given text in the temporary folder, deleted on dispose (linked into every test project).</summary>
internal sealed class TempFile : IDisposable
{
    /// <summary>Writes <paramref name="text"/> to a new file whose name ends in <paramref name="suffix"/>.</summary>
    public TempFile(string text, string suffix = ".json")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "preset-planner-" + Guid.NewGuid().ToString("N") + suffix);
        File.WriteAllText(Path, text);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the file.</summary>
    public void Dispose() => File.Delete(Path);
}
