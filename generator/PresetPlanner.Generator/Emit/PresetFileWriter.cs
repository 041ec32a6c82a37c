namespace PresetPlanner.Generator.Emit;

/// <summary>The frame every per-preset file shares: header, <c>Presets</c> shortcut field, and the nested kind class.</summary>
internal static class PresetFileWriter
{
    public static SourceWriter Open(string ns, string kindClass, string specType, string identifier, string summary)
    {
        var w = new SourceWriter();
        w.WriteLine(Literals.Header(ns));
        w.OpenBlock("static partial class Presets");
        w.WriteLine("/// <summary>" + Xml(summary) + "</summary>");
        w.WriteLine("public static readonly " + specType + " " + identifier + " = " + kindClass + "." + identifier + ".Spec;");
        w.WriteLine();
        w.OpenBlock("static partial class " + kindClass);
        w.WriteLine("/// <summary>Constants of " + Xml(summary) + "</summary>");
        w.WriteLine(Literals.GeneratedCode);
        w.OpenBlock("public static class " + identifier);
        return w;
    }

    public static void Close(SourceWriter w)
    {
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    public static void Const(SourceWriter w, string type, string name, string value, string doc)
    {
        w.WriteLine("/// <summary>" + Xml(doc) + "</summary>");
        w.WriteLine("public const " + type + " " + name + " = " + value + ";");
    }

    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
