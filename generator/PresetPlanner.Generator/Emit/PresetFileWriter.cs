using System.Text;

namespace PresetPlanner.Generator.Emit;

/// <summary>
/// The frame every per-preset file shares: header, the <c>Presets.&lt;Identifier&gt;</c> shortcut, and the nested kind
/// class with its constants, <c>Info</c>, <c>Spec</c> and <c>Preset</c>. Every text from a preset file reaches the output
/// through <see cref="Literals.String"/> (code) or <see cref="Xml"/> (doc comments), never raw.
/// </summary>
internal static class PresetFileWriter
{
    public static SourceWriter Open(string ns, string kindClass, string presetType, string identifier, string summary)
    {
        var w = new SourceWriter();
        w.WriteLine(Literals.Header(ns));
        w.OpenBlock("static partial class Presets");
        w.WriteLine("/// <summary>" + Xml(summary) + "</summary>");
        w.WriteLine("public static readonly " + presetType + " " + identifier + " = " + kindClass + "." + identifier + ".Preset;");
        w.WriteLine();
        w.OpenBlock("static partial class " + kindClass);
        w.WriteLine("/// <summary>Constants of " + Xml(summary) + "</summary>");
        w.WriteLine(Literals.GeneratedCode);
        w.OpenBlock("public static class " + identifier);
        return w;
    }

    /// <summary>The id, name and source constants every preset has.</summary>
    public static void Names(SourceWriter w, string id, string name, string source)
    {
        Const(w, "string", "Id", Literals.String(id), "Preset id.");
        Const(w, "string", "Name", Literals.String(name), "Display name.");
        Const(w, "string", "Source", Literals.String(source), "Where the figures come from.");
    }

    /// <summary>Writes <c>Info</c> and opens <c>public static readonly T Spec = new() {</c>.</summary>
    public static void OpenSpec(SourceWriter w, string specType)
    {
        w.WriteLine();
        w.WriteLine("/// <summary>Id, name and source.</summary>");
        w.WriteLine("public static readonly " + TypeRefs.PresetInfo + " Info = new(Id, Name, Source);");
        w.WriteLine();
        w.WriteLine("/// <summary>The figures as the planning core consumes them.</summary>");
        w.WriteLine("public static readonly " + specType + " Spec = new()");
        w.WriteLine("{");
        w.Indentation++;
    }

    /// <summary>Closes the spec, writes <c>Preset</c> from <paramref name="presetArguments"/> and closes the file.</summary>
    public static void Close(SourceWriter w, string presetType, string presetArguments)
    {
        w.Indentation--;
        w.WriteLine("};");
        w.WriteLine();
        w.WriteLine("/// <summary>The preset: its names and its figures.</summary>");
        w.WriteLine("public static readonly " + presetType + " Preset = new(" + presetArguments + ");");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    public static void Const(SourceWriter w, string type, string name, string value, string doc)
    {
        w.WriteLine("/// <summary>" + Xml(doc) + "</summary>");
        w.WriteLine("public const " + type + " " + name + " = " + value + ";");
    }

    /// <summary>
    /// Text for a one-line XML doc comment: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped, and every line break
    /// (CR, LF, NEL, LS, PS) and other control character turned into a space, so no input can end the comment line.
    /// </summary>
    public static string Xml(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '\u0085' or '\u2028' or '\u2029':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return sb.ToString();
    }
}
