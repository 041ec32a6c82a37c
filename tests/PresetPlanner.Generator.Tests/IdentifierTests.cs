using Microsoft.CodeAnalysis;
using static PresetPlanner.Generator.Tests.DiagnosticAssert;

namespace PresetPlanner.Generator.Tests;

/// <summary>
/// Identifiers that would not compile as the name of a generated preset class are PP0013 at the property that gives
/// them (issue 31 item 10: "Layers" gave CS0542, "evilmodel" CS8981, "scoped" CS9062).
/// </summary>
public class IdentifierTests
{
    private const string M = "tiny-1b.json";

    private static string WithIdentifier(string json, string id, string identifier) =>
        Fixtures.Edit(json, $"\"id\": \"{id}\",", $"\"id\": \"{id}\",\n  \"identifier\": \"{identifier}\",");

    [Fact]
    public void Parse_MemberNameAsIdentifier_ReportsPP0013AtTheIdentifier()
    {
        string json = WithIdentifier(Fixtures.Model, "tiny-1b", "Layers");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.ModelPath, json)), "PP0013", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"identifier\""),
            $"Preset '{M}': identifier 'Layers' is not valid; every generated model class has a member 'Layers', which may not share the class's name (CS0542); use another identifier, e.g. \"LayersModel\"");
    }

    [Fact]
    public void Parse_IdWhoseMemberNameIsAMember_ReportsPP0013AtTheId()
    {
        string json = Fixtures.Edit(Fixtures.Gpu, "\"id\": \"test-gpu\"", "\"id\": \"vendor\"");

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.GpuPath, json)), "PP0013", DiagnosticSeverity.Error, Fixtures.GpuPath, PositionOf(json, "\"id\""),
            "Preset 'test-gpu.json': member name 'Vendor' is not valid; it is made from the id, and every generated GPU class has a member 'Vendor', which may not share the class's name (CS0542); set \"identifier\" to another name, e.g. \"VendorGpu\"");
    }

    [Theory]
    [InlineData("evilmodel", "a type named with lower-case ASCII letters only may become a C# keyword (CS8981); use another identifier, e.g. \"Evilmodel\"")]
    [InlineData("scoped", "it is a C# keyword; use another identifier, e.g. \"Scoped\"")]
    [InlineData("record", "it is a C# keyword; use another identifier, e.g. \"Record\"")]
    [InlineData("int", "it is a C# keyword; use another identifier, e.g. \"Int\"")]
    public void Parse_IdentifierTheCompilerWouldRefuse_ReportsPP0013(string identifier, string advice)
    {
        string json = WithIdentifier(Fixtures.Model, "tiny-1b", identifier);

        DiagnosticAssert.Single(GeneratorHarness.Run((Fixtures.ModelPath, json)), "PP0013", DiagnosticSeverity.Error, Fixtures.ModelPath, PositionOf(json, "\"identifier\""),
            $"Preset '{M}': identifier '{identifier}' is not valid; {advice}");
    }

    [Theory]
    [InlineData("Models", "model", "tiny-1b", "MambaLayers")]
    [InlineData("Gpus", "gpu", "test-gpu", "MatmulEfficiency")]
    [InlineData("Clusters", "cluster", "test-cluster", "GpuId")]
    public void Run_EveryMemberOfAGeneratedClass_IsRefusedAsItsIdentifier(string kindClass, string kind, string fixtureId, string member)
    {
        string[] members = EmittedMembers(kindClass);
        Assert.Contains(member, members);
        Assert.Contains("Preset", members);
        string fixture = kind switch { "model" => Fixtures.Model, "gpu" => Fixtures.Gpu, _ => Fixtures.Cluster };
        (string Path, string Json)[] files = [.. members.Select((name, i) => (
            $"/repo/presets/{kindClass.ToLowerInvariant()}/member-{i}.json",
            WithIdentifier(Fixtures.Edit(fixture, $"\"id\": \"{fixtureId}\",", $"\"id\": \"member-{i}\","), $"member-{i}", name)))];

        GeneratorResult result = GeneratorHarness.Run(files);

        GeneratedCodeCompiles(result);
        Assert.Equal(members.Length, result.GeneratorDiagnostics.Length);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("PP0013", d.Id));
        Assert.Equal(members.Order(StringComparer.Ordinal), result.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[3]).Order(StringComparer.Ordinal));
    }

    // The members the generator writes into each class of a kind, over every shipped preset (hybrid and LatentMoE
    // models included, whose classes have more).
    private static string[] EmittedMembers(string kindClass)
    {
        GeneratorResult shipped = GeneratorHarness.Run(GeneratorHarness.RealPresets());
        INamedTypeSymbol kind = shipped.Output.GetTypeByMetadataName($"{GeneratorHarness.Namespace}.Presets+{kindClass}")!;
        return [.. kind.GetTypeMembers()
            .SelectMany(preset => preset.GetMembers())
            .Where(m => !m.IsImplicitlyDeclared && m.CanBeReferencedByName)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}
