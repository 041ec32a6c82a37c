using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>Small helpers for declaring and reading options.</summary>
internal static class Options
{
    public static Option<string?> Text(string name, string description) => new(name) { Description = description };

    /// <summary>A value spelled as the core spells it (<see cref="Spelling"/>), or a usage error listing the spellings.</summary>
    public static T Parse<T>(string flag, string text, TryParse<T> parse)
        where T : struct, Enum =>
        parse(text, out T value) ? value : throw new UsageException($"{flag}: '{text}' is not one of {string.Join(", ", Spelling.All<T>())}");

    /// <summary>A <c>Spelling.TryParse</c> overload.</summary>
    public delegate bool TryParse<T>(string? text, out T value);
}
