using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace PresetPlanner.Generator.Parsing;

/// <summary>Preset ids and the C# member names made from them.</summary>
internal static class Identifiers
{
    /// <summary>Lower-case kebab-case: letters and digits in parts joined by '-' or '.'.</summary>
    public static bool IsValidId(string id)
    {
        if (id.Length == 0 || !IsPart(id[0]) || !IsPart(id[id.Length - 1]))
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

    public static bool IsValidIdentifier(string identifier) =>
        SyntaxFacts.IsValidIdentifier(identifier) && SyntaxFacts.GetKeywordKind(identifier) == SyntaxKind.None;

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
