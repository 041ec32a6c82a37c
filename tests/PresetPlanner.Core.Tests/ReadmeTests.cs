using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PresetPlanner.Core.Tests;

/// <summary>Every C# snippet of the README compiles against the library and runs (Sep's ReadMeTest).</summary>
public partial class ReadmeTests
{
    // What `dotnet new console` compiles with (ImplicitUsings), so a snippet pasted into a new project behaves the same;
    // the PresetPlanner package adds its own namespaces to them (its build/PresetPlanner.props).
    private static readonly string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading.Tasks;

        """ + string.Concat(PackageUsings().Select(n => $"global using {n};\n"));

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    public static TheoryData<int> Snippets()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < CSharpBlocks().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_CompilesAndRuns(int index)
    {
        string code = CSharpBlocks()[index];
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet" + index,
            [CSharpSyntaxTree.ParseText(code, Options), CSharpSyntaxTree.ParseText(ImplicitUsings, Options)],
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(ModelSpec).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(PlanText).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(HuggingFaceConfig).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assert.Empty(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var context = new AssemblyLoadContext("readme" + index, isCollectible: true);
        try
        {
            stream.Position = 0;
            Assembly assembly = context.LoadFromStream(stream);
            TextWriter original = Console.Out;
            using var output = new StringWriter();
            Console.SetOut(output);
            try
            {
                assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
            }
            finally
            {
                Console.SetOut(original);
            }

            Assert.False(string.IsNullOrWhiteSpace(output.ToString()));
            Assert.DoesNotContain("nothing fits", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Readme_HasLibrarySnippets() => Assert.True(CSharpBlocks().Count >= 2);

    private static List<string> CSharpBlocks()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        return CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
    }

    // The namespaces the package's props add to a consumer's implicit usings.
    private static IEnumerable<string> PackageUsings() =>
        System.Xml.Linq.XDocument.Load(Path.Combine(Repository.Root, "src", "PresetPlanner.Package", "build", "PresetPlanner.props"))
            .Descendants("Using").Select(u => (string)u.Attribute("Include")!);

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
