namespace PresetPlanner.Calibration.Runs;

/// <summary>A calibration file that cannot be read or lacks what a run needs; the message names the file and the problem.</summary>
public sealed class CalibrationFileException : Exception
{
    /// <summary>A problem with <paramref name="path"/>: "'runs.csv': no rows (...)".</summary>
    public CalibrationFileException(string path, string problem)
        : base($"'{path}': {problem}")
    {
    }

    /// <inheritdoc/>
    public CalibrationFileException()
    {
    }

    /// <inheritdoc/>
    public CalibrationFileException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public CalibrationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
