using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace PresetPlanner.Generator.Parsing;

/// <summary>Preset ids and the C# member names made from them.</summary>
internal static class Identifiers
{
    /// <summary>Longest id or identifier accepted: it names a generated file, which must stay a valid path.</summary>
    public const int MaxLength = 64;

    /// <summary>Lower-case kebab-case: letters and digits in parts joined by '-' or '.', at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsValidId(string id)
    {
        if (id.Length == 0 || id.Length > MaxLength || !IsPart(id[0]) || !IsPart(id[id.Length - 1]))
        {
            return false;
        }

        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            bool separator = c is '-' or '.';
            if (!IsPart(c) && !separator)
            {
                return false;
            }

            if (separator && (id[i + 1] is '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An ASCII C# identifier of at most <see cref="MaxLength"/> characters that is not a keyword.</summary>
    public static bool IsValidIdentifier(string identifier)
    {
        if (identifier.Length == 0 || identifier.Length > MaxLength || char.IsDigit(identifier[0]))
        {
            return false;
        }

        foreach (char c in identifier)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return identifier != "_" && SyntaxFacts.GetKeywordKind(identifier) == SyntaxKind.None;
    }

    /// <summary>A name for a message: the first 40 characters of a long one, marked as cut.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "... (" + text.Length + " characters)";

    /// <summary>
    /// "llama-3.1-70b" -> "Llama3_1_70B", "h100x64" -> "H100x64", "qwen3-30b-a3b" -> "Qwen3_30BA3B": each part
    /// capitalised, a letter after a digit upper-cased (except the 'x' of "8x7b"), '_' only between two digits.
    /// </summary>
    public static string FromId(string id)
    {
        var sb = new StringBuilder(id.Length);
        bool capitalize = true;
        foreach (char c in id)
        {
            if (c is '-' or '.')
            {
                capitalize = true;
                if (c == '.' || (sb.Length > 0 && char.IsDigit(sb[sb.Length - 1])))
                {
                    sb.Append('_');
                }

                continue;
            }

            bool afterDigit = sb.Length > 0 && char.IsDigit(sb[sb.Length - 1]);
            if (sb.Length > 0 && sb[sb.Length - 1] == '_' && !char.IsDigit(c))
            {
                sb.Length--;
            }

            sb.Append(capitalize || (afterDigit && c != 'x') ? char.ToUpperInvariant(c) : c);
            capitalize = false;
        }

        string result = sb.ToString();
        return result.Length > 0 && char.IsDigit(result[0]) ? "_" + result : result;
    }

    private static bool IsPart(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
