using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;

namespace PresetPlanner.Generator.Tests;

/// <summary>
/// Thousands of random mutations of the real presets through the generator: it never throws (no CS8785), the code it
/// generates never has a compiler error or warning, and every preset it leaves out has a located PP diagnostic.
/// </summary>
public class MutationTests
{
    private static readonly string[] s_hostileStrings =
    [
        "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\u0000", "\"", "\\", "</summary>\n public const int X = 1;\n///", "*/", "\ud800",
        "{0}", "-", ".", "A", "_", " ", new string('x', 300), "\u00e9", "\t",
    ];

    private static readonly string[] s_hostileNumbers =
    [
        "0", "-0", "-1", "1", "2", "3", "7", "8", "72", "1.5", "0.5", "1e300", "1e400", "-1e400", "1e-300", "2147483647", "2147483648",
        "-2147483649", "99999999999999999999", "9223372036854775808", "4e9", "1e16", "1e17", "100000", "100001", "65537", "16777217",
    ];

    private static readonly (string Path, string Json)[] s_presets = GeneratorHarness.RealPresets()
        .Where(p => !p.Path.Replace('\\', '/').Contains("/schema/", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void Run_RandomMutationsOfRealPresets_NeverBreakTheBuildSilently()
    {
        Gen.Select(Gen.Int[0, s_presets.Length - 1], Gen.Int[1, 3], Gen.Int).Sample((index, count, seed) =>
        {
            (string path, string json) = s_presets[index];
            var rng = new Random(seed);
            string mutated = json;
            for (int i = 0; i < count; i++)
            {
                mutated = Mutate(mutated, rng);
            }

            Check(path, mutated);
        }, iter: 2000, threads: 1);
    }

    private static void Check(string path, string mutated)
    {
        (string Path, string Json)[] files = Companions(path).Append((path, mutated)).ToArray();
        GeneratorResult result = GeneratorHarness.Run(files);
        GeneratorRunResult run = result.RunResult.Results.Single();

        Assert.True(run.Exception is null, $"generator threw on {mutated}: {run.Exception}");
        Assert.All(result.GeneratorDiagnostics, d =>
        {
            Assert.StartsWith("PP", d.Id, StringComparison.Ordinal);
            Assert.True(d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile, $"{d.Id} has no location");
            Assert.Contains(d.Location.GetLineSpan().Path, files.Select(f => f.Path));
        });
        DiagnosticAssert.GeneratedCodeCompiles(result);

        // A file left out of the output has an error on itself, or its cluster's GPU was left out.
        foreach ((string file, string _) in files)
        {
            bool emitted = run.GeneratedSources.Any(s => s.SourceText.ToString().Contains("Where the figures come from", StringComparison.Ordinal)
                && s.HintName != "Presets.Catalog.g.cs" && Emits(s, file, files));
            bool blamed = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == file);
            Assert.True(emitted || blamed, $"{file} was left out without an error: {mutated}");
        }
    }

    // The generated file of a preset holds its id as the Id constant; match on the file's own id text.
    private static bool Emits(GeneratedSourceResult source, string file, (string Path, string Json)[] files)
    {
        string json = files.Single(f => f.Path == file).Json;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            if (!doc.RootElement.TryGetProperty("id", out System.Text.Json.JsonElement id) || id.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                return false;
            }

            return source.SourceText.ToString().Contains("public const string Id = " + Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(id.GetString()!, quote: true) + ";", StringComparison.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    // A cluster needs its GPU; a GPU or model is run with one valid cluster and model so cross-file checks run too.
    private static IEnumerable<(string Path, string Json)> Companions(string path)
    {
        (string Path, string Json) gpu = GeneratorHarness.RealPreset("gpus", "h100-sxm");
        (string Path, string Json) cluster = GeneratorHarness.RealPreset("clusters", "h100x64");
        (string Path, string Json) model = GeneratorHarness.RealPreset("models", "llama-3.1-8b");
        IEnumerable<(string, string)> all = path.Contains("/clusters/", StringComparison.Ordinal)
            ? s_presets.Where(p => p.Path.Contains("/gpus/", StringComparison.Ordinal))
            : [gpu, cluster, model];
        return all.Where(p => p.Item1 != path);
    }

    // One mutation: mostly hostile text inside a string value (where generated code could break) and extreme numbers,
    // then type flips, renamed or repeated properties, and raw damage to the JSON itself.
    internal static string Mutate(string json, Random rng)
    {
        List<(int Start, int Length, string Name, bool IsString)> values = ValueSpans(json);
        int kind = rng.Next(100);
        if (values.Count == 0 || kind >= 90)
        {
            int at = rng.Next(json.Length + 1);
            return rng.Next(2) == 0 ? json[..at] : json.Insert(at, "{}[],:\"\\\n"[rng.Next(9)].ToString());
        }

        var strings = values.Where(v => v.IsString).ToList();
        var numbers = values.Where(v => !v.IsString).ToList();
        (int start, int length, string name, bool isString) = kind < 40 && strings.Count > 0 ? strings[rng.Next(strings.Count)]
            : kind < 65 && numbers.Count > 0 ? numbers[rng.Next(numbers.Count)]
            : values[rng.Next(values.Count)];
        string value = json.Substring(start, length);
        string replacement = kind switch
        {
            < 40 when isString => Quote(Insert(Unquote(value), s_hostileStrings[rng.Next(s_hostileStrings.Length)], rng)),
            < 65 => s_hostileNumbers[rng.Next(s_hostileNumbers.Length)],
            < 80 => new[] { "true", "null", "{}", "[]", "{\"x\": 1}", "\"8\"", "1" }[rng.Next(7)],
            _ => value,
        };
        string mutated = json[..start] + replacement + json[(start + length)..];
        string property = "\"" + name + "\"";
        return kind switch
        {
            >= 80 and < 85 => mutated.Replace(property, "\"" + name + "x\"", StringComparison.Ordinal),
            >= 85 => mutated.Insert(mutated.IndexOf(property, StringComparison.Ordinal) is int i and >= 0 ? i : 0, property + ": " + replacement + ", "),
            _ => mutated,
        };
    }

    private static string Insert(string text, string hostile, Random rng) => text.Insert(rng.Next(text.Length + 1), hostile);

    private static string Unquote(string json) => System.Text.Json.JsonSerializer.Deserialize<string>(json) ?? string.Empty;

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    // (start, length, property name, is a string) of every scalar property value in the file.
    private static List<(int Start, int Length, string Name, bool IsString)> ValueSpans(string json)
    {
        var spans = new List<(int, int, string, bool)>();
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new System.Text.Json.Utf8JsonReader(utf8, new System.Text.Json.JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        string name = string.Empty;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                {
                    name = reader.GetString()!;
                }
                else if (reader.TokenType is System.Text.Json.JsonTokenType.String or System.Text.Json.JsonTokenType.Number or System.Text.Json.JsonTokenType.True or System.Text.Json.JsonTokenType.False)
                {
                    int start = Encoding.UTF8.GetCharCount(utf8, 0, (int)reader.TokenStartIndex);
                    int end = Encoding.UTF8.GetCharCount(utf8, 0, (int)reader.BytesConsumed);
                    spans.Add((start, end - start, name, reader.TokenType == System.Text.Json.JsonTokenType.String));
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Already broken: the spans found so far are enough.
        }

        return spans;
    }
}
