using PresetPlanner.Import.Files;

namespace PresetPlanner.Cli.Input;

/// <summary>Files named on the command line: every way reading one can fail is one usage line naming the argument.</summary>
internal static class InputFile
{
    /// <summary>Whether an argument names a file rather than a preset id: it ends in .json or holds a path separator.</summary>
    public static bool LooksLikePath(string argument) =>
        argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || argument.Contains('/', StringComparison.Ordinal) || argument.Contains('\\', StringComparison.Ordinal);

    /// <summary>
    /// The text of <paramref name="path"/> through the one reader of every file (<see cref="Import.Files.InputFile"/>:
    /// regular files only, a size cap, strict UTF-8), or a usage error naming <paramref name="argument"/>.
    /// </summary>
    public static string Read(string argument, string path)
    {
        try
        {
            return Import.Files.InputFile.ReadText(path);
        }
        catch (InputFileException ex)
        {
            throw new UsageException($"{argument} '{Printable(path)}' {ex.Problem}");
        }
    }

    /// <summary>A path as printed in a message: control characters replaced, at most 200 characters.</summary>
    public static string Printable(string text)
    {
        string clean = new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 200 ? clean[..200] + "..." : clean;
    }
}
