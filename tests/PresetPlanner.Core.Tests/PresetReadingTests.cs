using System.Reflection;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// The generator's Reading folder, as compiled into PresetPlanner.Import, holds no Roslyn type yet speaks as Roslyn does:
/// its rules are the ones AnalyzerReleases.Unshipped.md tracks, a problem prints as the compiler prints a diagnostic,
/// lines and columns are counted as Roslyn counts them, and its keyword table is the compiler's.
/// </summary>
public class PresetReadingTests
{
    [Fact]
    public void Rules_AreTheRowsOfAnalyzerReleasesUnshipped()
    {
        string[] rows = [.. File.ReadAllLines(Path.Combine(Repository.Root, "generator", "PresetPlanner.Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(l => l.StartsWith("PP", StringComparison.Ordinal))
            .Select(l => string.Join(" | ", l.Split('|').Select(c => c.Trim())))];

        string[] rules = [.. PresetRules.All.Select(r => $"{r.Id} | {PresetRules.Category} | {r.Severity} | {r.Title}")];

        Assert.Equal(rows, rules);
    }

    [Fact]
    public void Rules_AllHoldsEveryRuleOnceWithItsIdConstant()
    {
        PresetRule[] fields = [.. typeof(PresetRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(PresetRule)).Select(f => (PresetRule)f.GetValue(null)!)];
        string[] ids = [.. typeof(PresetRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Id", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!)];

        Assert.Equal(fields.OrderBy(r => r.Id, StringComparer.Ordinal), PresetRules.All);
        Assert.Equal(PresetRules.All.Select(r => r.Id), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Problem_ToString_IsTheCompilersDiagnosticLine()
    {
        Gen.Select(Gen.Int[0, PresetRules.All.Length - 1], Gen.Int[0, 500], Gen.Int[0, 300], Gen.String[Gen.Char["ab{}'\" é"], 0, 12]).Sample((index, line, column, argument) =>
        {
            PresetRule rule = PresetRules.All[index];
            string[] arguments = [argument, "x", "y", "z"];
            var location = new PresetLocation("/repo/presets/models/m.json", 10, 12, line, column, line, column + 2);
            var problem = PresetProblem.Create(rule, location, arguments);

            var descriptor = new DiagnosticDescriptor(rule.Id, rule.Title, rule.MessageFormat, PresetRules.Category,
                rule.Severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);
            var roslyn = Location.Create(location.FilePath, TextSpan.FromBounds(10, 12), new LinePositionSpan(new LinePosition(line, column), new LinePosition(line, column + 2)));

            Assert.Equal(Diagnostic.Create(descriptor, roslyn, arguments).ToString(), problem.ToString());
        });
    }

    [Fact]
    public void TextLines_CountLinesAndColumnsAsRoslyn()
    {
        Gen.String[Gen.Char["a\r\n\u0085\u2028\u2029é\u00a0"], 0, 40].Sample(text =>
        {
            var lines = new TextLines(text);
            SourceText roslyn = SourceText.From(text);

            Assert.Equal(roslyn.Lines.Count, lines.Count);
            for (int i = 0; i < lines.Count; i++)
            {
                Assert.Equal(roslyn.Lines[i].ToString(), lines.LineText(i));
                Assert.Equal(roslyn.Lines[i].Start, lines.StartOf(i));
            }

            for (int position = 0; position <= text.Length; position++)
            {
                LinePosition expected = roslyn.Lines.GetLinePosition(position);
                Assert.Equal((expected.Line, expected.Character), lines.PositionOf(position));
            }
        });
    }

    [Fact]
    public void Keywords_AreTheCompilersKeywordsAndContextualKeywords()
    {
        string[] roslyn = [.. SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds()).Select(SyntaxFacts.GetText)];

        Assert.All(roslyn, word => Assert.True(CSharpKeywords.Contains(word), word));
        Assert.All(["Layers", "Llama70B", "H100", "Class", "Scoped"], word => Assert.False(CSharpKeywords.Contains(word), word));
    }

    [Theory]
    [InlineData("class", "it is a C# keyword; use another identifier, e.g. \"Class\"")]
    [InlineData("scoped", "it is a C# keyword; use another identifier, e.g. \"Scoped\"")]
    [InlineData("__arglist", "it is a C# keyword; use another identifier, e.g. \"Arglist\"")]
    [InlineData("evilmodel", "a type named with lower-case ASCII letters only may become a C# keyword (CS8981); use another identifier, e.g. \"Evilmodel\"")]
    [InlineData("Layers", "every generated model class has a member 'Layers', which may not share the class's name (CS0542); use another identifier, e.g. \"LayersModel\"")]
    [InlineData("Preset", "every generated model class has a member 'Preset', which may not share the class's name (CS0542); use another identifier, e.g. \"PresetModel\"")]
    [InlineData("Evil_model2", null)]
    [InlineData("llama3", null)]
    [InlineData("Vendor", null)]
    public void Identifier_Problem_NamesWhyItWouldNotCompile(string identifier, string? problem)
    {
        Assert.Equal(problem, Identifiers.Problem(identifier, PresetKind.Model));

        // What the compiler says of a class so named holding the model class's members (the generated shape).
        string code = $"namespace N; public static class {identifier} {{ public const int Layers = 1; public const int Preset = 2; }}";
        Diagnostic[] found = [.. CSharpCompilation.Create("Names", [CSharpSyntaxTree.ParseText(code)], Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, warningLevel: 9999)).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        Assert.Equal(problem is null, found.Length == 0);
    }
}
