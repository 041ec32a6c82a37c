using System;
using System.Collections.Generic;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The words C# reserves (keywords) or gives a meaning in some places (contextual keywords), as of C# 14: none of them
/// may name a generated preset class, whose identifier must compile in every position.
/// </summary>
internal static class CSharpKeywords
{
    private static readonly HashSet<string> s_words = new(StringComparer.Ordinal)
    {
        // Keywords (reserved everywhere), and the undocumented ones the compiler reserves too.
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params",
        "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "__arglist", "__makeref", "__reftype", "__refvalue",

        // Contextual keywords (a type named "scoped" is CS9062, "record" or "file" other errors).
        "add", "alias", "allows", "and", "args", "ascending", "assembly", "async", "await", "by", "descending", "dynamic",
        "equals", "extension", "field", "file", "from", "get", "global", "group", "init", "into", "join", "let",
        "managed", "method", "module", "nameof", "nint", "not", "notnull", "nuint", "on", "or", "orderby", "param",
        "partial", "property", "record", "remove", "required", "scoped", "select", "set", "type", "typevar",
        "unmanaged", "value", "var", "when", "where", "with", "yield",
    };

    /// <summary>Whether <paramref name="word"/> is a C# keyword or contextual keyword (case-sensitive, as C# is).</summary>
    public static bool Contains(string word) => s_words.Contains(word);
}
