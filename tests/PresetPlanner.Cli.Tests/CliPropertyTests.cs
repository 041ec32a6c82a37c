using System.Text.Json;
using CsCheck;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Random argument vectors (valid ids, random flags and values, including the hostile kinds) through the real command
/// line in-process: every one ends in exit 0 or 1 with finite, non-negative figures, or exit 2 with one line on
/// stderr and no stack trace.
/// </summary>
public class CliPropertyTests
{
    private static readonly string[] s_numbers =
    [
        "1", "2", "4", "8", "16", "64", "3", "0", "-1", "1024", "4096", "2147483647", "2147483648", "-2147483649", "x", "", " ", "1e3",
        "4,8", "1,2,4,8,16,32,64,128,256", "8,,8", "0.5", "99999999999999999999", "NaN",
    ];

    private static readonly string s_configs = Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs");

    // Hostile files (issue 31): a preset whose name breaks lines and holds escape codes, a GPU whose peak vanishes, bytes
    // that are not UTF-8, a lone surrogate escape, and a response file that names itself.
    private static readonly string s_hostile = HostileFiles();

    // Presets, Hugging Face configs (good, a directory, a missing file, a file that is not a config) and junk.
    private static readonly string[] s_models =
    [
        "llama-3.1-8b", "llama-3.1-70b", "mixtral-8x7b", "deepseek-v3", "qwen3-30b-a3b", "gpt-3-175b", "custom", "nope", "",
        Path.Combine(s_configs, "qwen3-30b-a3b.json"), Path.Combine(s_configs, "llama-3.1-8b.json"), s_configs,
        Path.Combine(s_configs, "missing.json"), Path.Combine(s_configs, "README.md"), Path.Combine(s_configs, "nemotron-h-8b.json"), Path.Combine(s_configs, "gemma-3-27b.json"), Path.Combine(s_configs, "llama-4-scout.json"),
        "/dev/zero", "@/dev/zero", "@" + Path.Combine(s_hostile, "self.rsp"), Path.Combine(s_hostile, "surrogate.json"), Path.Combine(s_hostile, "latin1.json"),
        "llama\u001b[31m", "llama\n-8b",
    ];

    private static readonly string[] s_clusters = ["h100x8", "h100x64", "a100x1024", "gb200-nvl72", "mi300xx64", "h100x1", "x", "--tp"];

    // Preset files of each kind, one of the wrong kind, a directory, a missing file and one that is not JSON.
    private static readonly string[] s_presetFiles =
    [
        Path.Combine(Repository.Root, "presets", "models", "llama-3.1-8b.json"), Path.Combine(Repository.Root, "presets", "gpus", "h100-sxm.json"),
        Path.Combine(Repository.Root, "presets", "clusters", "h100x8.json"), Path.Combine(Repository.Root, "presets", "models"),
        Path.Combine(Repository.Root, "presets", "missing.json"), Path.Combine(Repository.Root, "README.md"),
        "/dev/urandom", "/dev/zero", "/proc/version", Path.Combine(s_hostile, "evil-name.json"), Path.Combine(s_hostile, "tiny-gpu.json"),
        Path.Combine(s_hostile, "surrogate.json"), Path.Combine(s_hostile, "latin1.json"), "@" + Path.Combine(s_hostile, "self.rsp"),
    ];

    private static readonly (string Flag, string[] Values)[] s_flags =
    [
        ("--seq", ["2048", "4096", "8192", "0", "-4096", "67108865", "x", "1000001", "131072"]),
        ("--gbs", ["1", "64", "512", "0", "16777217", "7"]),
        ("--mbs", s_numbers), ("--tp", [.. s_numbers, "\u001b]0;x\u0007", "1\n2", "8\u2028"]), ("--pp", s_numbers), ("--dp", s_numbers), ("--cp", s_numbers), ("--ep", s_numbers), ("--vp", s_numbers),
        ("--zero", ["0", "1", "3", "4", "-1", "1,3", "x"]),
        ("--recompute", ["none", "selective", "full", "Full", "sometimes", "none,full"]),
        ("--precision", ["bf16", "fp8", "FP8", "fp4", ""]),
        ("--grad-dtype", ["fp32", "bf16", "fp32-with-bf16-copy", "fp16"]),
        ("--capacity-factor", ["1", "1.25", "0.5", "65", "NaN", "Infinity", "x"]),
        ("--gpu", ["h100-sxm", "a100-80gb", "gb200", "l40s", "h900", ""]),
        ("--gpus", ["8", "16", "64", "72", "3", "0", "10000001", "8..64", "64..8", "x"]),
        ("--gpus-per-node", ["1", "4", "8", "72", "16", "0"]),
        ("--layers", s_numbers), ("--hidden", ["4096", "2147483647", "0", "1000"]), ("--heads", ["32", "0", "7", "65537"]),
        ("--kv-heads", ["8", "0", "3", "64"]), ("--ffn", ["11008", "0", "16777217"]), ("--vocab", ["32000", "0", "2000000000"]),
        ("--experts", ["8", "0", "65537"]), ("--active-experts", ["2", "0", "9"]), ("--moe-ffn", ["2048", "0"]),
        ("--activation", ["swiglu", "gelu", "swish"]),
        ("--top", ["1", "3", "0", "-2"]), ("--max-gpus", ["64", "0", "1024"]), ("--max-seq", ["100", "65536", "0"]), ("--step", ["1", "1024", "0", "999999999"]),
        ("--sp", []), ("--no-sp", []), ("--overlap-comm", []), ("--tied", []), ("--only-feasible", []), ("--pareto", []), ("--stats", []), ("--all", []),
        ("--tokens", ["15T", "300B", "1e12", "0", "15Q", "1e300", "-5T"]), ("--gpu-hour-price", ["2.5", "0", "-1", "x", "1e9"]),
        ("--emit", ["megatron", "megatron-bridge", "torchtitan", "deepspeed", "nemo"]), ("--row", ["1", "2", "0", "100000"]),
        ("--model-file", s_presetFiles), ("--gpu-file", s_presetFiles), ("--cluster-file", s_presetFiles), ("--wide", []), ("--no-color", []),
        ("--bogus", ["1"]),
    ];

    [Fact]
    public void RandomArgumentVectors_AnswerOrOneLineExit2()
    {
        Gen<string[]> flag = Gen.Int[0, s_flags.Length - 1].SelectMany(i => s_flags[i].Values.Length == 0
            ? Gen.Const(new[] { s_flags[i].Flag })
            : Gen.Int[0, s_flags[i].Values.Length - 1].Select(v => new[] { s_flags[i].Flag, s_flags[i].Values[v] }));
        Gen<string[]> command = Gen.OneOf(
            Gen.Select(Gen.OneOf(s_models), Gen.OneOf(s_clusters)).Select((m, c) => new[] { "plan", m, c, "--top", "3" }),
            Gen.Select(Gen.OneOf(s_models), Gen.OneOf(s_clusters)).Select((m, c) => new[] { "evaluate", m, c, "--tp", "8", "--pp", "1" }),
            Gen.OneOf(s_models).Select(m => new[] { "min-gpus", m, "--gpu", "h100-sxm", "--max-gpus", "512" }),
            Gen.Select(Gen.OneOf(s_models), Gen.OneOf(s_clusters)).Select((m, c) => new[] { "max-seq", m, c, "--max-seq", "32768" }),
            Gen.OneOf(s_models).Select(m => new[] { "sweep", m, "--gpu", "h100-sxm", "--gpus", "8..128" }),
            Gen.OneOf(new[] { "list", "models" }, new[] { "list", "gpus" }, new[] { "list", "clusters" }, new[] { "list", "nothing" }));
        Gen<string[]> vectors = Gen.Select(command, flag.Array[0, 4], Gen.OneOf("json", "json", "csv", "table", "markdown", "xml"))
            .Select((c, flags, format) => c.Concat(flags.SelectMany(f => f)).Concat(["--format", format]).ToArray());

        int[] exits = new int[3];
        vectors.Sample(args =>
        {
            (int exit, string stdout, string stderr) = Cli.Run(args);
            exits[Math.Clamp(exit, 0, 2)]++;
            string vector = string.Join(' ', args);
            Assert.True(exit is 0 or 1 or 2, $"exit {exit} for {vector}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(stderr.Replace("\n", string.Empty, StringComparison.Ordinal), char.IsControl);
            if (exit == 2)
            {
                string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith("preset-planner: ", line, StringComparison.Ordinal);
                return;
            }

            // Nothing a file or an argument holds reaches the output as a control character (ESC, BEL) or a line of its own.
            Assert.DoesNotContain(stdout.Replace("\n", string.Empty, StringComparison.Ordinal), c => char.IsControl(c) && c != '\r');
            Assert.DoesNotContain("\n[job]", stdout, StringComparison.Ordinal);

            bool emit = args.Contains("--emit");
            Assert.True(stdout.Length > 0 || (emit && exit == 1), $"no output for {vector}");
            // Only notes a JSON export cannot hold as comments, or "nothing to emit", may reach stderr.
            Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.True(
                emit && (line.StartsWith("preset-planner: note: ", StringComparison.Ordinal) || line.StartsWith("preset-planner: no layout fits", StringComparison.Ordinal)), $"{line} on stderr for {vector}"));
            Assert.DoesNotMatch(@"\bNaN\b|\bInfinity\b(?! Fabric)|∞", stdout);
            if (emit)
            {
                return;
            }

            if (args[^1] == "json")
            {
                // One document, nothing before or after it, with its schema version.
                JsonElement root = JsonDocument.Parse(stdout).RootElement;
                Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
                AssertFiniteNonNegative(root, vector);
            }
            else if (args[^1] == "csv")
            {
                // Data with raw numbers: no thousands separators, no percent signs.
                foreach (string cell in CsvLines.Parse(stdout).SelectMany(row => row))
                {
                    Assert.DoesNotMatch("^[0-9]{1,3}(,[0-9]{3})+$|^[0-9.]+%$", cell);
                    if (double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
                    {
                        Assert.True(double.IsFinite(value) && value >= 0, $"{cell} in the output of {vector}");
                    }
                }
            }
        }, iter: 10_000, threads: 1);

        // Both ends are exercised: answers (with figures to check) and refusals.
        Assert.True(exits[0] > 500 && exits[2] > 1000, $"exit 0: {exits[0]}, 1: {exits[1]}, 2: {exits[2]}");
    }

    private static void AssertFiniteNonNegative(JsonElement element, string vector)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    // The prediction band's percentiles are signed errors (negative: predicted too slow); finite all the same.
                    if (property.Name is "lowError" or "highError")
                    {
                        Assert.True(double.IsFinite(property.Value.GetDouble()) && property.Value.GetDouble() > -1, $"{property.Name} {property.Value} in the output of {vector}");
                        continue;
                    }

                    AssertFiniteNonNegative(property.Value, vector);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    AssertFiniteNonNegative(item, vector);
                }

                break;
            case JsonValueKind.Number:
                double value = element.GetDouble();
                Assert.True(double.IsFinite(value) && value >= 0, $"{value} in the output of {vector}");
                break;
        }
    }

    private static string HostileFiles()
    {
        string dir = Directory.CreateTempSubdirectory("pp-property-").FullName;
        string model = File.ReadAllText(Path.Combine(Repository.Root, "presets", "models", "llama-3.1-8b.json"));
        File.WriteAllText(Path.Combine(dir, "evil-name.json"), model.Replace("\"name\": \"Llama-3.1-8B\"", "\"name\": \"evil\\n[job]\\ndump_folder = 1\\u001b]0;x\\u0007\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "surrogate.json"), model.Replace("\"name\": \"Llama-3.1-8B\"", "\"name\": \"\\ud800\"", StringComparison.Ordinal));
        File.WriteAllBytes(Path.Combine(dir, "latin1.json"), [.. System.Text.Encoding.UTF8.GetBytes("{ \"name\": \""), 0xE9, 0x22, 0x7D]);
        string gpu = File.ReadAllText(Path.Combine(Repository.Root, "presets", "gpus", "h100-sxm.json"));
        File.WriteAllText(Path.Combine(dir, "tiny-gpu.json"), System.Text.RegularExpressions.Regex.Replace(gpu, "\"bf16Tflops\": [0-9.]+", "\"bf16Tflops\": 1e-308"));
        File.WriteAllText(Path.Combine(dir, "self.rsp"), "@" + Path.Combine(dir, "self.rsp") + "\n");
        return dir;
    }
}
