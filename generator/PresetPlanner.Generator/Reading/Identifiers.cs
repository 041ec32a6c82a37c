using System.Text;

namespace PresetPlanner.Generator.Reading;

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

    /// <summary>
    /// Why <paramref name="identifier"/> cannot name the generated class of a <paramref name="kind"/> preset, as the
    /// advice of PP0013; null when it can. It must be an ASCII C# identifier of at most <see cref="MaxLength"/>
    /// characters, not a keyword or contextual keyword, not only lower-case letters (CS8981: such names may become
    /// keywords) and not the name of a member the class itself has (CS0542).
    /// </summary>
    public static string? Problem(string identifier, PresetKind kind)
    {
        if (!IsAsciiIdentifier(identifier))
        {
            return $"use an ASCII C# identifier of at most {MaxLength} characters that is not a keyword, e.g. \"Llama70B\"";
        }

        if (CSharpKeywords.Contains(identifier))
        {
            return $"it is a C# keyword; use another identifier, e.g. \"{Capitalize(identifier)}\"";
        }

        if (IsLowerCaseOnly(identifier))
        {
            return $"a type named with lower-case ASCII letters only may become a C# keyword (CS8981); use another identifier, e.g. \"{Capitalize(identifier)}\"";
        }

        return GeneratedMembers.Contains(kind, identifier) ? MemberAdvice(identifier, kind) + "; use another identifier, e.g. " + Suggestion(identifier, kind) : null;
    }

    /// <summary>
    /// Why the member name made from an id (<see cref="FromId"/>) cannot name the generated class: it repeats a member
    /// of the class (CS0542). The advice of PP0013 at the id; null when it can.
    /// </summary>
    public static string? ProblemOfMadeFromId(string identifier, PresetKind kind) =>
        GeneratedMembers.Contains(kind, identifier)
            ? "it is made from the id, and " + MemberAdvice(identifier, kind) + "; set \"identifier\" to another name, e.g. " + Suggestion(identifier, kind)
            : null;

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

    private static bool IsAsciiIdentifier(string identifier)
    {
        if (identifier.Length == 0 || identifier.Length > MaxLength || char.IsDigit(identifier[0]) || identifier == "_")
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

        return true;
    }

    private static bool IsLowerCaseOnly(string identifier)
    {
        foreach (char c in identifier)
        {
            if (c is not (>= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return true;
    }

    private static string MemberAdvice(string identifier, PresetKind kind)
    {
        string noun = kind == PresetKind.Model ? "model" : kind == PresetKind.Gpu ? "GPU" : "cluster";
        return $"every generated {noun} class has a member '{identifier}', which may not share the class's name (CS0542)";
    }

    private static string Suggestion(string identifier, PresetKind kind) =>
        "\"" + identifier + (kind == PresetKind.Model ? "Model" : kind == PresetKind.Gpu ? "Gpu" : "Cluster") + "\"";

    // "class" -> "Class", "__arglist" -> "Arglist": a suggestion that passes every check here.
    private static string Capitalize(string identifier)
    {
        string trimmed = identifier.TrimStart('_');
        return trimmed.Length == 0 ? "Preset" : char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
    }

    private static bool IsPart(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
