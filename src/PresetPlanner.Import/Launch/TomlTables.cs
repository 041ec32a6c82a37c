using System;
using System.Collections.Generic;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// The part of TOML a torchtitan job config uses: <c>[table]</c> and <c>[table.sub]</c> headers, <c>key = value</c> with
/// strings, numbers, booleans and one-line arrays, and <c>#</c> comments. Values come back as text keyed
/// <c>table.key</c>; anything else (multi-line strings or arrays, inline tables) is refused with its line, never guessed.
/// </summary>
internal static class TomlTables
{
    /// <summary>Every <c>table.key</c> of <paramref name="text"/> with its value's text (quotes removed from strings).</summary>
    /// <exception cref="PlanInputException">A line is not in the subset read (its number is given).</exception>
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string table = string.Empty;
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = StripComment(lines[n]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                table = line.EndsWith(']') && !line.StartsWith("[[", StringComparison.Ordinal) ? line[1..^1].Trim() : throw Bad(n, "is not a [table] header");
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Bad(n, "is not key = value");
            }

            string key = line[..equals].Trim();
            string value = line[(equals + 1)..].Trim();
            if (value.StartsWith("\"\"\"", StringComparison.Ordinal) || value.StartsWith("'''", StringComparison.Ordinal) || value.StartsWith('{')
                || (value.StartsWith('[') && !value.EndsWith(']')))
            {
                throw Bad(n, "holds a multi-line value or an inline table, which a torchtitan job config does not use here");
            }

            values[table.Length == 0 ? key : table + "." + key] = Unquote(value);
        }

        return values;
    }

    // A '#' outside a string starts a comment.
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static PlanInputException Bad(int line, string rule) =>
        new(InputField.Config, "line " + (line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), rule);
}
