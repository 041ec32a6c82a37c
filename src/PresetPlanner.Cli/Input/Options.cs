using System.CommandLine.Completions;
using System.CommandLine;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Input;

/// <summary>Small helpers for declaring and reading options.</summary>
internal static class Options
{
    public static Option<string?> Text(string name, string description) => new(name) { Description = description };

    /// <summary>An option whose values are the spellings of <typeparamref name="T"/>, offered by shell completion.</summary>
    public static Option<string?> Choice<T>(string name, string description)
        where T : struct, Enum => Completing(Text(name, description), Spelling.All<T>());

    /// <summary>Adds <paramref name="values"/> (preset ids, spellings) to what shell completion offers for <paramref name="symbol"/>.</summary>
    public static TSymbol Completing<TSymbol>(TSymbol symbol, IEnumerable<string> values)
        where TSymbol : Symbol
    {
        string[] list = [.. values];
        Func<CompletionContext, IEnumerable<CompletionItem>> source = context => list
            .Where(v => v.StartsWith(context.WordToComplete, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionItem(v));
        // Help names the values when they are few and short ("<bf16|fp8|...>"), and the slot otherwise ("<MODEL>", "<ID>"):
        // the help's first column stays narrow enough for its lines to fit HelpWidth.
        string joined = string.Join('|', list);
        switch (symbol)
        {
            case Option option:
                option.CompletionSources.Add(source);
                option.HelpName = joined.Length <= MaxListedChoices ? joined : "ID";
                break;
            case Argument argument:
                argument.CompletionSources.Add(source);
                argument.HelpName = joined.Length <= MaxListedChoices ? joined : argument.Name;
                break;
        }

        return symbol;
    }

    /// <summary>The widest "a|b|c" list of values help spells out; longer lists (the preset ids) are named by their slot.</summary>
    public const int MaxListedChoices = 40;

    /// <summary>The width every line of <c>--help</c> fits in.</summary>
    public const int HelpWidth = 100;

    /// <summary>A value spelled as the core spells it (<see cref="Spelling"/>), or a usage error listing the spellings.</summary>
    public static T Parse<T>(string flag, string text, TryParse<T> parse)
        where T : struct, Enum =>
        parse(text, out T value) ? value : throw new UsageException($"{flag}: '{text}' is not one of {string.Join(", ", Spelling.All<T>())}");

    /// <summary>A <c>Spelling.TryParse</c> overload.</summary>
    public delegate bool TryParse<T>(string? text, out T value);
}
