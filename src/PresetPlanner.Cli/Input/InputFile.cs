namespace PresetPlanner.Cli.Input;

/// <summary>Files named on the command line: every way reading one can fail is one usage line naming the argument.</summary>
internal static class InputFile
{
    /// <summary>Largest file read (a config.json is a few kB; the largest preset is under 2 kB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Whether an argument names a file rather than a preset id: it ends in .json or holds a path separator.</summary>
    public static bool LooksLikePath(string argument) =>
        argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || argument.Contains('/', StringComparison.Ordinal) || argument.Contains('\\', StringComparison.Ordinal);

    /// <summary>The text of <paramref name="path"/>, or a usage error naming <paramref name="argument"/>.</summary>
    public static string Read(string argument, string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{argument} '{Printable(path)}' is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{argument} '{Printable(path)}': no such file");
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                throw new UsageException($"{argument} '{Printable(path)}' is {info.Length:#,0} bytes; a config or preset is at most {MaxBytes:#,0}");
            }

            return File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new UsageException($"{argument} '{Printable(path)}' could not be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"{argument} '{Printable(path)}' could not be read: permission denied");
        }
    }

    /// <summary>A path as printed in a message: control characters replaced, at most 200 characters.</summary>
    public static string Printable(string text)
    {
        string clean = new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 200 ? clean[..200] + "..." : clean;
    }
}
