using PresetPlanner.Generator.Catalog;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Emit;

/// <summary>
/// Emits <c>Presets.Catalog.g.cs</c>: for each kind, the presets as a span ordered by id and a lookup by id that is a
/// generated switch (no dictionary built at start-up, no allocation).
/// </summary>
internal static class CatalogEmitter
{
    public const string HintName = "Presets.Catalog.g.cs";

    public static string Emit(CatalogSpec catalog, CatalogOptions options)
    {
        var w = new SourceWriter();
        w.WriteLine(Literals.Header(options.Namespace));
        w.WriteLine("/// <summary>Every preset compiled from presets/**/*.json: models, GPUs and clusters, each also a member of this class.</summary>");
        w.WriteLine(Literals.GeneratedCode);
        w.OpenBlock("public static partial class Presets");
        EmitKind(w, "Models", TypeRefs.ModelPreset, "model", catalog.Models);
        w.WriteLine();
        EmitKind(w, "Gpus", TypeRefs.GpuPreset, "GPU", catalog.Gpus);
        w.WriteLine();
        EmitKind(w, "Clusters", TypeRefs.ClusterPreset, "cluster", catalog.Clusters);
        w.CloseBlock();
        return w.ToString();
    }

    private static void EmitKind(SourceWriter w, string kindClass, string presetType, string noun, EquatableArray<PresetIdentity> entries)
    {
        w.WriteLine("/// <summary>The " + noun + " presets, ordered by id.</summary>");
        w.OpenBlock("public static partial class " + kindClass);
        w.WriteLine("private static readonly " + presetType + "[] s_all = [" + Join(entries, ".Preset") + "];");
        w.WriteLine("private static readonly string[] s_ids = [" + Join(entries, ".Id") + "];");
        w.WriteLine();
        w.WriteLine("/// <summary>Every " + noun + " preset, ordered by id.</summary>");
        w.WriteLine("public static " + TypeRefs.ReadOnlySpan + "<" + presetType + "> All => s_all;");
        w.WriteLine();
        w.WriteLine("/// <summary>The ids of <see cref=\"All\"/>, in the same order.</summary>");
        w.WriteLine("public static " + TypeRefs.ReadOnlySpan + "<string> Ids => s_ids;");
        w.WriteLine();
        w.WriteLine("/// <summary>Number of " + noun + " presets.</summary>");
        w.WriteLine("public const int Count = " + Literals.Int(entries.Count) + ";");
        w.WriteLine();
        w.WriteLine("/// <summary>Index in <see cref=\"All\"/> of the preset with this exact id, or -1.</summary>");
        w.OpenBlock("public static int IndexOf(" + TypeRefs.ReadOnlySpan + "<char> id) => id switch");
        for (int i = 0; i < entries.Count; i++)
        {
            w.WriteLine(Literals.String(entries[i].Id) + " => " + Literals.Int(i) + ",");
        }

        w.WriteLine("_ => -1,");
        w.CloseBlock(";");
        w.WriteLine();
        w.WriteLine("/// <summary>Finds a preset by its id; false when there is none.</summary>");
        w.OpenBlock("public static bool TryGet(" + TypeRefs.ReadOnlySpan + "<char> id, out " + presetType + " preset)");
        w.WriteLine("int index = IndexOf(id);");
        w.WriteLine("preset = index < 0 ? default : s_all[index];");
        w.WriteLine("return index >= 0;");
        w.CloseBlock();
        w.CloseBlock();
    }

    private static string Join(EquatableArray<PresetIdentity> entries, string member)
    {
        var parts = new string[entries.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = entries[i].Identifier + member;
        }

        return string.Join(", ", parts);
    }
}
