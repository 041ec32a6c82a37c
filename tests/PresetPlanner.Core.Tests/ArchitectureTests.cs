using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PresetPlanner.Core.Tests;

/// <summary>
/// The house rules of docs/architecture.md, checked on the source: inside every project the folders are layers (no
/// dependency cycle between them, read from the compiler's own binding of every name in code), no method is longer
/// than 80 lines, and nothing in src/ copies values by reflection.
/// </summary>
public partial class ArchitectureTests
{
    /// <summary>Longest method, constructor, accessor or local function body allowed (Mapperly enforces the same with MA0051).</summary>
    public const int MaxMethodLines = 80;

    // Every project with its root namespace; the generator's files linked from the engine belong to the engine.
    public static TheoryData<string, string> Projects() => new()
    {
        { "src/PresetPlanner.Core", "PresetPlanner" },
        { "src/PresetPlanner.Presentation", "PresetPlanner.Presentation" },
        { "src/PresetPlanner.Import", "PresetPlanner.Import" },
        { "src/PresetPlanner.Calibration", "PresetPlanner.Calibration" },
        { "src/PresetPlanner.Cli", "PresetPlanner.Cli" },
        { "src/PresetPlanner.Web", "PresetPlanner.Web" },
        { "generator/PresetPlanner.Generator", "PresetPlanner.Generator" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Folders_DependOnEachOtherWithoutACycle(string project, string rootNamespace)
    {
        Dictionary<string, HashSet<string>> edges = FolderEdges(project, rootNamespace);

        List<string[]> cycles = Cycles(edges);

        Assert.True(cycles.Count == 0, $"{project}: folders in a cycle: {string.Join("; ", cycles.Select(c => string.Join(" <-> ", c)))}\n{Describe(edges)}");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Methods_AreAtMostEightyLines(string project, string rootNamespace)
    {
        _ = rootNamespace;
        var tooLong = new List<string>();
        foreach ((string path, SyntaxTree tree) in Parse(project))
        {
            foreach (SyntaxNode body in Bodies(tree.GetRoot()))
            {
                FileLinePositionSpan span = body.GetLocation().GetLineSpan();
                int lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (lines > MaxMethodLines)
                {
                    tooLong.Add($"{Path.GetRelativePath(Repository.Root, path)}:{span.StartLinePosition.Line + 1} {Name(body.Parent!)} ({lines} lines)");
                }
            }
        }

        Assert.True(tooLong.Count == 0, "methods over " + MaxMethodLines + " lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void Source_CopiesNothingByReflection()
    {
        string[] offenders = [.. Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Where(f => ReflectionCopy().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Repository.Root, f))];

        Assert.Empty(offenders);
    }

    [Fact]
    public void CycleCheck_FindsACycle()
    {
        // The check itself can fail: two folders that use each other are reported.
        var edges = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        string[] cycle = Assert.Single(Cycles(edges));

        Assert.Equal(["A", "B", "C"], cycle.Order());
    }

    // folder -> folders it uses, from the symbols the compiler binds every simple name in code to (doc comments are
    // trivia and not visited: a comment may point up a layer).
    private static Dictionary<string, HashSet<string>> FolderEdges(string project, string rootNamespace)
    {
        List<(string Path, SyntaxTree Tree)> files = Parse(project);
        var compilation = CSharpCompilation.Create(
            "Architecture",
            [.. files.Select(f => f.Tree), CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions)],
            [.. Basic.Reference.Assemblies.Net100.References.All, .. EngineReferences(rootNamespace)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach ((string path, SyntaxTree tree) in files)
        {
            string from = Folder(project, path);
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                string? to = FolderOf(model.GetSymbolInfo(name), rootNamespace);
                if (to is not null && to != from)
                {
                    (edges.TryGetValue(from, out HashSet<string>? set) ? set : edges[from] = [])?.Add(to);
                }
            }
        }

        return edges;
    }

    // The folder (below the root namespace) of the type a name binds to, or null outside the project.
    private static string? FolderOf(SymbolInfo info, string rootNamespace)
    {
        ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        if (type is null || !type.Locations.Any(l => l.IsInSource))
        {
            return null;
        }

        string ns = type.ContainingNamespace.ToDisplayString();
        return ns == rootNamespace ? "." : ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal) ? ns[(rootNamespace.Length + 1)..] : null;
    }

    private static List<(string Path, SyntaxTree Tree)> Parse(string project)
    {
        string dir = Path.Combine(Repository.Root, project);
        Assert.True(Directory.Exists(dir), dir + " is missing");
        return [.. Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, f)))];
    }

    private static string Folder(string project, string path)
    {
        string relative = Path.GetRelativePath(Path.Combine(Repository.Root, project), Path.GetDirectoryName(path)!);
        return relative == "." ? "." : relative.Replace(Path.DirectorySeparatorChar, '.');
    }

    // The engine's compiled assemblies, so names in the layers above bind (their folders are not this project's).
    private static IEnumerable<MetadataReference> EngineReferences(string rootNamespace) => rootNamespace == "PresetPlanner"
        ? []
        : [MetadataReference.CreateFromFile(typeof(PlanningContext).Assembly.Location)];

    private static IEnumerable<SyntaxNode> Bodies(SyntaxNode root) => root.DescendantNodes().Where(n =>
        n is BlockSyntax or ArrowExpressionClauseSyntax
        && n.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax);

    private static string Name(SyntaxNode member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax f => f.Identifier.Text + " (local function)",
        AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
        _ => member.Kind().ToString(),
    };

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    // Tarjan's strongly connected components with more than one folder.
    private static List<string[]> Cycles(Dictionary<string, HashSet<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var cycles = new List<string[]>();
        foreach (string node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (string w in edges.TryGetValue(v, out HashSet<string>? next) ? next : [])
            {
                if (!index.TryGetValue(w, out int seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }
    }

    private static string Describe(Dictionary<string, HashSet<string>> edges) =>
        string.Join("\n", edges.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"  {e.Key} -> {string.Join(", ", e.Value.Order(StringComparer.Ordinal))}"));

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [GeneratedRegex(@"\bGetProperties\s*\(|\bActivator\s*\.", RegexOptions.None)]
    private static partial Regex ReflectionCopy();
}
