using System;

namespace PresetPlanner.Import.Files;

/// <summary>A file that cannot be read as text: missing, a directory or a device, too large, or not UTF-8.</summary>
public sealed class InputFileException : Exception
{
    /// <summary>A problem with <paramref name="path"/>, e.g. "is not a regular file (a device or a pipe)".</summary>
    public InputFileException(string path, string problem)
        : base($"'{path}' {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <inheritdoc/>
    public InputFileException()
        : this(string.Empty, "could not be read")
    {
    }

    /// <inheritdoc/>
    public InputFileException(string message)
        : this(string.Empty, message)
    {
    }

    /// <inheritdoc/>
    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    /// <summary>The file as named.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, after its name.</summary>
    public string Problem { get; }
}
