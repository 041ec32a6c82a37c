namespace PresetPlanner.Cli.Input;

/// <summary>A bad argument: printed as one line on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
