namespace PresetPlanner.Core.Tests;

/// <summary>
/// The package's public surface is a checked-in list (Baselines/public-api.txt): a type or member that becomes public,
/// or stops being public, is a reviewed change to this file (docs/architecture.md says why each group is public).
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void PublicSurface_MatchesTheReviewedList()
    {
        var lines = new List<string>();
        foreach (System.Reflection.Assembly assembly in new[] { typeof(PlanningContext).Assembly, typeof(PlanText).Assembly, typeof(HuggingFaceConfig).Assembly })
        {
            foreach (Type type in assembly.GetExportedTypes().Where(t => !IsGeneratedCatalog(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                lines.Add($"{assembly.GetName().Name}: {Kind(type)} {type.FullName}");
            }
        }

        GoldenFile.Match(Path.Combine(Repository.Root, "tests", "PresetPlanner.Core.Tests", "Baselines", "public-api.txt"), string.Join("\n", lines) + "\n");
    }

    // The generated Presets catalog (one nested class per preset) follows the presets, not the code.
    private static bool IsGeneratedCatalog(Type type) => type.FullName!.StartsWith("PresetPlanner.Presets", StringComparison.Ordinal);

    private static string Kind(Type type) => type.IsEnum ? "enum"
        : type.IsInterface ? "interface"
        : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class"
        : "class";
}
