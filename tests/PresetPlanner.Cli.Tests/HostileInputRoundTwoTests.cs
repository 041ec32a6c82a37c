using System.Globalization;
using System.Text.Json;
using PresetPlanner.Cli.Output;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Issue 31, the second fuzzing round: every reproduction ends in exit 2 with one clean line (or the right answer),
/// never a stack trace, a raw control character, injected output or a silent NaN.
/// </summary>
public sealed class HostileInputRoundTwoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pp-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 1. validate --csv with TP 0, TP = PP = 65536 (their product overflows int to 0) or 0 heads.
    [Theory]
    [InlineData("tp", "0")]
    [InlineData("tp", "65536", "pp", "65536")]
    [InlineData("heads", "0", "model", "GPT custom")]
    public void Validate_RowWithZeroOrOverflowingDegreesOrHeads_IsSkippedNotACrash(params string[] changes)
    {
        string csv = CalibrationRow(changes);

        Cli.AssertUsageError("no row has a layout and a published throughput to compare with", "validate", "--csv", csv);
    }

    // 2. A lone surrogate escape in a string of a preset file or a config.json: located, not a stack trace.
    [Theory]
    [InlineData("--model-file", "models/llama-3.1-8b.json", "\"name\": \"Llama-3.1-8B\"", "\"name\": \"\\ud800\"")]
    [InlineData("--gpu-file", "gpus/h100-sxm.json", "\"name\": \"", "\"name\": \"\\udfff")]
    public void LoneSurrogateInAPresetFile_IsALocatedPP0001(string flag, string preset, string find, string replace)
    {
        string path = Path.Combine(_dir, "surrogate.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Repository.Root, "presets", preset)).Replace(find, replace, StringComparison.Ordinal));

        Cli.AssertUsageError("surrogate.json(", "plan", flag, path);
        Cli.AssertUsageError("error PP0001: Preset file 'surrogate.json' is not valid JSON: a string holds an unpaired surrogate escape", "plan", flag, path);
    }

    [Fact]
    public void LoneSurrogateInAConfigJson_IsRefusedWithLineAndColumn()
    {
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", "llama-3.1-8b.json"))
            .Replace("\"LlamaForCausalLM\"", "\"Llama\\ud800ForCausalLM\"", StringComparison.Ordinal));

        Cli.AssertUsageError("unpaired surrogate escape (such as \\ud800) at line", "plan", path, "h100x8");
    }

    // 3. --help, --version and a suggestion written to a full device.
    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("plan", "--help")]
    [InlineData("[suggest:4]", "plan")]
    public void OutputToAFullDevice_IsOneLineAndExit2(params string[] args)
    {
        using var error = new StringWriter();
        int exit = CliApp.Run(args, new FullDevice(), error);

        Assert.Equal(2, exit);
        Assert.Equal("preset-planner: could not write the output: No space left on device", error.ToString().TrimEnd('\n'));
    }

    // 4. A response file naming itself, a directory or a device: response files are off, so "@..." is an argument.
    [Fact]
    public void ResponseFiles_AreNotExpanded()
    {
        string self = Path.Combine(_dir, "self.rsp");
        File.WriteAllText(self, "@" + self + "\n");

        Cli.AssertUsageError("'@" + self + "'", "plan", "@" + self);
        Cli.AssertUsageError("'@/dev/zero'", "plan", "@/dev/zero");
        Cli.AssertUsageError("'@/tmp'", "plan", "llama-3.1-8b", "@/tmp");
    }

    // 5. Character devices report size 0: they are not regular files, whatever the flag.
    [Theory]
    [InlineData("plan", "/dev/zero")]
    [InlineData("plan", "--gpu-file", "/dev/urandom")]
    [InlineData("plan", "--model-file", "/dev/zero")]
    [InlineData("validate", "--csv", "/dev/zero")]
    public void Devices_AreRefusedAsNotARegularFile(params string[] args) =>
        Cli.AssertUsageError("is not a regular file", args);

    [Fact]
    public void Validate_CsvOverTheCap_IsRefusedWithItsSize()
    {
        string big = Path.Combine(_dir, "big.csv");
        using (FileStream stream = File.Create(big))
        {
            stream.SetLength(64L * 1024 * 1024 + 1);
        }

        Cli.AssertUsageError("bytes, more than the 4,194,304 read", "validate", "--csv", big);
    }

    // 6. A plan whose space is too large to evaluate is refused up front, without holding it. The same model without
    // every schedule and cross-domain TP has 3,951,480 layouts, which a plan evaluates in bounded memory (its table keeps
    // the best million; BoundedPlanTests); with them it passes the 16 million a plan evaluates.
    [Fact]
    public void AdversarialCustomModel_IsRefusedWithTheSizeOfItsSpace()
    {
        // This thread's allocations: the refusal comes before any parallel work, and the process-wide count would
        // include what tests running beside this one allocate.
        long before = GC.GetAllocatedBytesForCurrentThread();

        Cli.AssertUsageError("has more than 16,000,000 valid layouts, the most a plan evaluates", "plan", "custom", "--layers", "5040", "--hidden", "55440", "--heads", "55440", "--ffn", "55440", "--vocab", "32000",
            "--gpu", "h100-sxm", "--gpus", "8648640", "--seq", "720720", "--gbs", "1663200", "--schedule", "any", "--cross-node-tp");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1L << 30, "the refusal held more than 1 GiB");
    }

    // 6b. Past the million rows a table holds, the plan is still made, in bounded memory: the best million are kept and
    // the counts, the statistics and the JSON say how many there were.
    [Fact]
    public void PlanOverAMillionLayouts_KeepsTheBestMillionAndCountsThemAll()
    {
        string[] question = ["plan", "deepseek-v3", "h100x16384", "--gbs", "65536", "--seq", "32768", "--schedule", "any", "--cross-node-tp", "--top", "3"];
        (int exit, string text, string error) = Cli.Run([.. question, "--stats"]);
        Assert.True(exit == 0, error);
        Assert.Matches(@"1,040,184 valid layouts: [0-9,]+ fit, [0-9,]+ out of memory\. The table holds the best 1,000,000\.", text);
        // Each layout is evaluated once, and again only those kept that come after the first million (37,496 here).
        Assert.Matches(@"Search: 1,040,184 valid layouts enumerated .* 1,0[4-9][0-9],[0-9]{3} evaluated", text);

        JsonElement json = Cli.Json([.. question, "--format", "json"]);
        Assert.Equal(1_040_184, json.GetProperty("counts").GetProperty("layouts").GetInt32());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("recommended").ValueKind);
    }

    // 7. A preset name with line breaks and quotes cannot inject into any exported format.
    // The fragment still parses: read back by evaluate --run, it is the layout the plan recommended.
    [Theory]
    [InlineData("torchtitan", "toml")]
    [InlineData("megatron", "sh")]
    [InlineData("megatron-bridge", "txt")]
    [InlineData("deepspeed", "json")]
    public void HostileModelName_StaysInsideTheExportsComment(string framework, string extension)
    {
        string model = HostileModelFile("evil\n[job]\ndump_folder = \"/etc\"\n--load /root \\\n\"}");

        (int exit, string stdout, string stderr) = Cli.Run("plan", "--model-file", model, "h100x8", "--emit", framework);

        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("\n[job]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\ndump_folder", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\n--load", stdout, StringComparison.Ordinal);
        if (framework == "deepspeed")
        {
            using JsonDocument document = JsonDocument.Parse(stdout);
        }

        string fragment = Path.Combine(_dir, "fragment." + extension);
        File.WriteAllText(fragment, stdout);
        JsonElement recommended = Cli.Json("plan", "--model-file", model, "h100x8", "--framework", framework, "--format", "json").GetProperty("recommended");
        // A DeepSpeed config holds no TP or PP degree (Megatron-DeepSpeed's arguments do; docs/import.md): given beside it.
        string[] degrees = framework == "deepspeed"
            ? ["--tp", recommended.GetProperty("tp").GetInt32().ToString(CultureInfo.InvariantCulture), "--pp", recommended.GetProperty("pp").GetInt32().ToString(CultureInfo.InvariantCulture)]
            : [];
        JsonElement readBack = Cli.Json([.. new[] { "evaluate", "--model-file", model, "h100x8", "--run", fragment, "--format", "json" }, .. degrees]).GetProperty("strategy");
        Assert.Equal(recommended.GetProperty("strategy").GetString(), readBack.GetProperty("strategy").GetString());
    }

    // 7b. The same name through a fragment with a schedule note (a V schedule: torchtitan names it, the Megatron family
    // notes that it runs 1F1B), which must still parse and read back as the run it launches.
    [Theory]
    [InlineData("torchtitan")]
    [InlineData("megatron")]
    [InlineData("megatron-bridge")]
    public void HostileModelName_ThroughAScheduleNote_StillParsesAndReadsBack(string framework)
    {
        string model = HostileModelFile("evil\n[job]\ndump_folder = \"/etc\"\n--load /root \\\n\"}");
        string[] layout = ["--tp", "1", "--pp", "2", "--vp", "2", "--zero", framework == "torchtitan" ? "3" : "1", "--schedule", "zb-v"];

        (int exit, string fragment, string stderr) = Cli.Run(["evaluate", "--model-file", model, "h100x8", .. layout, "--emit", framework]);
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("\n[job]", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("\n--load", fragment, StringComparison.Ordinal);
        if (framework == "torchtitan")
        {
            Assert.NotNull(Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(fragment));
        }
        else
        {
            Assert.Contains("schedule is not in", fragment, StringComparison.Ordinal);
        }

        string path = Path.Combine(_dir, "launch-" + framework + (framework == "torchtitan" ? ".toml" : ".sh"));
        File.WriteAllText(path, fragment);
        (int readExit, string json, string readError) = Cli.Run("evaluate", "--model-file", model, "h100x8", "--run", path, "--format", "json");
        Assert.True(readExit is 0 or 1, readError);
        JsonElement strategy = JsonDocument.Parse(json).RootElement.GetProperty("strategy");
        Assert.Equal(2, strategy.GetProperty("pp").GetInt32());
        Assert.Equal(2, strategy.GetProperty("vp").GetInt32());
        Assert.Equal(framework == "torchtitan" ? "zb-v" : "1f1b", strategy.GetProperty("schedule").GetString());
    }

    // 6. --all streams: every row of a 52,896-layout plan is written without holding the table's text.
    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("markdown")]
    public void PlanAll_StreamsItsRows(string format)
    {
        var output = new CountingWriter();
        using var error = new StringWriter();
        long before = GC.GetAllocatedBytesForCurrentThread();

        int exit = CliApp.Run(["plan", "deepseek-v3", "h800x2048", "--all", "--format", format], output, error);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(exit == 0, error.ToString());
        Assert.True(output.Lines > 52_896, $"{output.Lines} lines");
        Assert.True(allocated < 700L << 20, $"{allocated:#,0} bytes allocated for {output.Characters:#,0} characters of output");
    }

    [Fact]
    public void StreamedTable_IsSpectresTableLineForLine()
    {
        StrategyTable table = Presets.DeepSeekV3.PlanOn(Presets.H800x2048);
        int[] rows = [0, 1, 9, table.Rows.Length - 2, table.Rows.Length - 1];
        List<string[]> cells = [.. rows.Select(i => PlanText.Cells(table.Rows[i], i + 1))];
        int[] widths = RoundedTable.Widths(PlanText.Columns, cells);
        int[] columns = TableWidth.Choose(PlanText.Columns, widths, 120);
        using var spectre = new StringWriter();
        using var streamed = new StringWriter();

        ConsoleFactory.Create(spectre, terminal: false, 120).Write(PlanOutput.Spectre(columns, cells));
        RoundedTable.Write(streamed, PlanText.Columns, columns, RoundedTable.Fit(PlanText.Columns, columns, widths, 120), cells);

        Assert.Contains("No: activations", streamed.ToString(), StringComparison.Ordinal);
        Assert.Equal(spectre.ToString().ReplaceLineEndings("\n"), streamed.ToString());
    }

    // 8. Implausible GPU figures are refused where they are read, never planned into NaN or Infinity.
    [Theory]
    [InlineData("bf16Tflops", "1e-308")]
    [InlineData("memoryTBps", "5e-324")]
    [InlineData("scaleUpGBps", "5e-324")]
    [InlineData("bf16Tflops", "-400")]
    [InlineData("memoryGiB", "1e9")]
    public void GpuFileWithAnImplausibleFigure_IsALocatedError(string property, string value)
    {
        string gpu = Path.Combine(_dir, "tiny.json");
        string text = File.ReadAllText(Path.Combine(Repository.Root, "presets", "gpus", "h100-sxm.json"));
        int at = text.IndexOf('"' + property + '"', StringComparison.Ordinal);
        Assert.True(at >= 0, property);
        int colon = text.IndexOf(':', at);
        int end = text.IndexOfAny([',', '\n', '}'], colon);
        File.WriteAllText(gpu, text[..(colon + 1)] + " " + value + text[end..]);

        Cli.AssertUsageError("tiny.json(", "plan", "llama-3.1-8b", "--gpu-file", gpu, "--gpus", "8");
    }

    [Fact]
    public void LibraryCluster_WithADenormalPeak_IsRefused()
    {
        ClusterSpec tiny = Presets.H100x64.Spec with { Gpu = Presets.H100.Spec with { PeakBf16FlopsPerSecond = 1e-296 } };

        var e = Assert.Throws<PlanInputException>(() => PlanningContext.Create(Presets.Llama70B, tiny, new TrainingSettings()));

        Assert.Equal((InputField.Cluster, SpecField.PeakBf16FlopsPerSecond), (e.Input, e.Spec));
    }

    // 11. Control characters are never echoed, an argument with a line break stays one line, --emit cannot hide behind
    // --format json, and max-seq never claims a result it did not try.
    [Theory]
    [InlineData("plan", "--tp", "\u001b]0;x\u0007")]
    [InlineData("plan", "--tp", "1\n2")]
    [InlineData("plan", "llama\u001b[31m")]
    [InlineData("plan", "--bogus\u0007", "1")]
    public void ControlCharactersInArguments_AreNotEchoed(params string[] args)
    {
        (int exit, string stdout, string stderr) = Cli.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(line, char.IsControl);
    }

    [Fact]
    public void EmitWithFormatJson_IsAUsageError() =>
        Cli.AssertUsageError("--emit", "plan", "--emit", "megatron", "--format", "json");

    [Fact]
    public void MaxSeq_StepAboveTheModelsContext_IsAUsageErrorNotAClaim() =>
        Cli.AssertUsageError("--step is 500000 but must be from 1 to 131072", "max-seq", "llama-3.1-8b", "h100x8", "--max-seq", "1000000", "--step", "500000");

    private string CalibrationRow(string[] changes)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "calibration", "published-runs.csv"));
        List<string> header = CsvLines.Split(lines[0]);
        List<string> row = CsvLines.Split(lines[1]);
        for (int i = 0; i < changes.Length; i += 2)
        {
            row[header.IndexOf(changes[i])] = changes[i + 1];
        }

        string path = Path.Combine(_dir, "runs.csv");
        File.WriteAllText(path, lines[0] + "\n" + string.Join(",", row.Select(CsvLines.Quote)) + "\n");
        return path;
    }

    private string HostileModelFile(string name)
    {
        string text = File.ReadAllText(Path.Combine(Repository.Root, "presets", "models", "llama-3.1-8b.json"));
        string path = Path.Combine(_dir, "evil.json");
        File.WriteAllText(path, text.Replace("\"name\": \"Llama-3.1-8B\"", "\"name\": " + JsonSerializer.Serialize(name), StringComparison.Ordinal));
        return path;
    }

    // Counts what is written and keeps none of it.
    private sealed class CountingWriter : TextWriter
    {
        public long Characters { get; private set; }

        public long Lines { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            Characters++;
            Lines += value == '\n' ? 1 : 0;
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Characters += count;
            Lines += buffer.AsSpan(index, count).Count('\n');
        }

        public override void Write(string? value)
        {
            Characters += value?.Length ?? 0;
            Lines += value.AsSpan().Count('\n');
        }
    }

    private sealed class FullDevice : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");

        public override void WriteLine(string? value) => throw new IOException("No space left on device");

        public override void Flush() => throw new IOException("No space left on device");
    }
}
