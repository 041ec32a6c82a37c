using System.Runtime.InteropServices;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Packs the library (generator inside under analyzers/dotnet/cs) and the dotnet tool (its pointer package, the native
/// binary for this machine's RID and the framework-dependent <c>any</c> package), then uses them as a .NET user would:
/// installs the tool into a temporary tool path and runs it, and builds a consumer with its own preset.
/// </summary>
public sealed class PackagingTests : IClassFixture<PackagingTests.Packages>
{
    private readonly Packages _packages;

    public PackagingTests(Packages packages) => _packages = packages;

    [Fact]
    public void Tool_InstalledFromLocalPackages_RunsTheSeedExample()
    {
        string toolPath = InstallTool("tools");

        // On a machine whose RID the pack built natively, the installed command is the Native AOT binary: no managed
        // assembly beside it, no runtime started.
        string installed = new FileInfo(Path.Combine(toolPath, "preset-planner")).ResolveLinkTarget(returnFinalTarget: true)?.FullName
            ?? Path.Combine(toolPath, "preset-planner");
        Assert.Contains($"presetplanner.cli.{RuntimeInformation.RuntimeIdentifier}", installed, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(installed)!, "preset-planner.dll")), installed);
        Assert.True(IsNativeExecutable(installed), installed);

        (int exit, string output) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null);
        Assert.True(exit == 0, output);
        Assert.Contains("Llama-3.1-70B", output, StringComparison.Ordinal);
        Assert.Contains("Recommended:", output, StringComparison.Ordinal);

        (int bad, string error) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "plan", "llama-9");
        Assert.Equal(2, bad);
        Assert.Contains("unknown model 'llama-9'", error, StringComparison.Ordinal);

        // The workflow paths from the installed tool: help under its own name, a config.json in, a framework's
        // arguments and the time to train out.
        (_, string help) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "plan", "--help");
        Assert.Contains("preset-planner plan [<MODEL> [<CLUSTER>]] [options]", help, StringComparison.Ordinal);
        string config = Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", "qwen3-30b-a3b.json");
        (int fromConfig, string planned) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "plan", config, "h100x64", "--top", "1", "--tokens", "1T");
        Assert.True(fromConfig == 0, planned);
        Assert.Contains("qwen3-30b-a3b (30.5B parameters", planned, StringComparison.Ordinal);
        Assert.Contains("Time to train, recommended layout: 1T tokens:", planned, StringComparison.Ordinal);
        (int emitted, string arguments) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "plan", "--emit", "megatron");
        Assert.True(emitted == 0, arguments);
        Assert.Contains("--tensor-model-parallel-size", arguments, StringComparison.Ordinal);

        // A preset file tried with the build's rules: the generator's reading ships inside the tool (in PresetPlanner.Import).
        string broken = Path.Combine(_packages.Root, "broken.json");
        File.WriteAllText(broken, File.ReadAllText(Path.Combine(Repository.Root, "presets", "models", "llama-3.1-8b.json")).Replace("\"layers\": 32", "\"layers\": \"32\"", StringComparison.Ordinal));
        (int rejected, string located) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "plan", "--model-file", broken);
        Assert.Equal(2, rejected);
        Assert.Contains("broken.json(", located, StringComparison.Ordinal);
        Assert.Contains("error PP0004", located, StringComparison.Ordinal);
        (int fromFile, string filePlan) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "plan", "--model-file",
            Path.Combine(Repository.Root, "presets", "models", "llama-3.1-8b.json"), "h100x8", "--top", "1");
        Assert.True(fromFile == 0, filePlan);

        // validate away from the repository uses the calibration set built into the tool.
        string report = Path.Combine(_packages.Root, "validation.md");
        (int validated, string said) = Dotnet.Exec(Path.Combine(toolPath, "preset-planner"), _packages.Root, null, "validate", "--out", report);
        Assert.True(validated == 0, said);
        Assert.Matches("wrote .*validation.md: median error [0-9.]+%", said);
        Assert.StartsWith("# Validation against published training runs", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void ToolPackage_HoldsNoRoslynAndNoGenerator()
    {
        // The any package's tools/ folder is the tool's framework-dependent publish output, as installed.
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_packages.Feed, $"PresetPlanner.Cli.any.{_packages.Version}.nupkg"));
        string[] files = [.. package.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.Name)];

        Assert.Contains("PresetPlanner.Import.dll", files);
        Assert.DoesNotContain(files, f => f.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("PresetPlanner.Generator", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith(".pdb", StringComparison.Ordinal) || (f.EndsWith(".xml", StringComparison.Ordinal) && f != "DotnetToolSettings.xml"));
    }

    [Fact]
    public void ToolPackages_PointerNamesTheNativeAndTheFallbackPackage_NativeHoldsOneBinary()
    {
        string rid = RuntimeInformation.RuntimeIdentifier;
        using var pointer = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_packages.Feed, $"PresetPlanner.Cli.{_packages.Version}.nupkg"));
        using var settings = new StreamReader(pointer.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
        string xml = settings.ReadToEnd();
        Assert.Contains("<RuntimeIdentifierPackage RuntimeIdentifier=\"any\" Id=\"PresetPlanner.Cli.any\" />", xml, StringComparison.Ordinal);
        Assert.Contains($"<RuntimeIdentifierPackage RuntimeIdentifier=\"{rid}\" Id=\"PresetPlanner.Cli.{rid}\" />", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(pointer.Entries, e => e.Name.EndsWith(".dll", StringComparison.Ordinal));

        using var native = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_packages.Feed, $"PresetPlanner.Cli.{rid}.{_packages.Version}.nupkg"));
        string[] files = [.. native.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["DotnetToolSettings.xml", "preset-planner"], files);
    }

    /// <summary>
    /// The Native AOT tool answers every kind of question byte for byte as the in-process command line does (the JIT
    /// build): plans, JSON, each framework's export, a config.json and every launch-file import (TOML and JSON readers
    /// included), the searches and a refused argument. A trimmed-away or reflection-bound path would differ or crash here.
    /// </summary>
    [Fact]
    public void NativeTool_AnswersAsTheInProcessCommandLine()
    {
        string tool = Path.Combine(InstallTool("tools-compare"), "preset-planner");
        string fixtures = Path.Combine(Repository.Root, "tests", "fixtures");
        string[][] questions =
        [
            [],
            ["plan", "--format", "json"],
            ["plan", "deepseek-v3", "h800x2048", "--seq", "4096", "--gbs", "8192", "--precision", "fp8", "--top", "3", "--format", "json"],
            ["plan", "nemotron-h-8b", "h100x8", "--top", "3"],
            ["evaluate", "llama-3.1-70b", "h100x64", "--tp", "8", "--pp", "4", "--format", "json"],
            ["plan", "--emit", "megatron"],
            ["plan", "--emit", "megatron-bridge"],
            ["plan", "--emit", "torchtitan"],
            ["plan", "--emit", "deepspeed"],
            ["plan", Path.Combine(fixtures, "hf-configs", "llama-4-scout.json"), "h100x64", "--top", "2", "--format", "json"],
            ["evaluate", "llama-3.1-70b", "h100x64", "--run", Path.Combine(fixtures, "launch", "llama3-70b-megatron.sh"), "--no-color"],
            ["evaluate", "llama-3.1-8b", "h100x8", "--run", Path.Combine(fixtures, "launch", "llama3-8b-torchtitan.toml"), "--format", "json"],
            ["evaluate", "qwen3-30b-a3b", "b200x8", "--run", Path.Combine(fixtures, "launch", "qwen3-30b-bridge.txt"), "--format", "json"],
            ["evaluate", "llama-3.1-70b", "h100x64", "--run", Path.Combine(fixtures, "launch", "llama3-70b-deepspeed.json"), "--tp", "4", "--pp", "8", "--format", "json"],
            ["sweep", "llama-3.1-70b", "--gpu", "h100-sxm", "--gpus", "64..1024", "--tokens", "15T", "--format", "json"],
            ["min-gpus", "llama-3.1-70b", "--gpu", "h100-sxm", "--gbs", "2048", "--tokens", "15T", "--deadline", "60d"],
            ["list", "models", "--format", "json"],
            ["plan", "llama-9"],
        ];

        foreach (string[] question in questions)
        {
            (int exit, string stdout, string stderr) = Cli.Run(question);
            (int nativeExit, string nativeOutput) = Dotnet.Exec(tool, _packages.Root, null, question);
            string what = "preset-planner " + string.Join(' ', question);
            Assert.True(exit == nativeExit, $"{what}: exit {nativeExit}, in-process {exit}\n{nativeOutput}");
            Assert.True(stdout + stderr == nativeOutput, $"{what}: the native tool printed\n{nativeOutput}\nthe in-process CLI\n{stdout}{stderr}");
        }
    }

    [Fact]
    public void Library_ConsumerWithItsOwnPreset_GetsItsOwnCatalogBesideOurs()
    {
        string project = Path.Combine(_packages.Root, "consumer");
        Directory.CreateDirectory(Path.Combine(project, "presets", "models"));
        Directory.CreateDirectory(Path.Combine(project, "presets", "clusters"));
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_packages.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Acme</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PresetPlanner" Version="{_packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        // A cluster of the consumer's on a built-in GPU, named by id.
        File.WriteAllText(Path.Combine(project, "presets", "clusters", "acme-h100x16.json"), """
            {
              "id": "acme-h100x16", "name": "Acme's 16 H100", "source": "our lab", "gpu": "h100-sxm", "gpuCount": 16, "gpusPerNode": 8
            }
            """);
        File.WriteAllText(Path.Combine(project, "presets", "models", "acme-13b.json"), """
            {
              "id": "acme-13b", "name": "Acme 13B", "source": "our own model card, v1",
              "statedParameters": 13.0e9, "layers": 40, "hidden": 5120, "heads": 40, "kvHeads": 40, "ffnHidden": 13824,
              "activation": "swiglu", "vocab": 32000, "tiedEmbeddings": false, "norm": "rmsnorm", "maxSequence": 4096
            }
            """);
        // The README's first library snippet, as a package user pastes it, then the consumer's own catalog.
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("```csharp\n", readme.IndexOf("## Library", StringComparison.Ordinal), StringComparison.Ordinal) + "```csharp\n".Length;
        string snippet = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        File.WriteAllText(Path.Combine(project, "Program.cs"), "using System;\n" + snippet + """

            const int AcmeLayers = Acme.Presets.Models.Acme13B.Layers;
            StrategyTable acme = Acme.Presets.Acme13B.PlanOn(PresetPlanner.Presets.H100x8);
            Console.WriteLine($"{AcmeLayers} {Acme.Presets.Models.Count} {PresetPlanner.Presets.Models.Count} {acme.TryGetRecommended(out _)}");
            Console.WriteLine(acme.Describe());
            Console.WriteLine(Acme.Presets.Acme13B.PlanOn(Acme.Presets.AcmeH100x16).Describe());
            """);

        (int exit, string output) = Dotnet.Run(project, _packages.Environment, "run");

        Assert.True(exit == 0, output);
        Assert.Contains("Llama-3.1-70B (70.6B parameters, 80 layers, hidden 8192) on h100x64", output, StringComparison.Ordinal);
        Assert.Contains($"40 1 {Presets.Models.Count} True", output, StringComparison.Ordinal);

        // The consumer's own preset keeps its names: the report says "Acme 13B", not "custom model".
        Assert.Contains("Acme 13B (13.0B parameters, 40 layers, hidden 5120) on h100x8", output, StringComparison.Ordinal);
        Assert.Contains("Acme 13B (13.0B parameters, 40 layers, hidden 5120) on acme-h100x16: 16 x NVIDIA H100 SXM5 80GB", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_Net8Consumer_IsRefusedWithOneClearError()
    {
        string project = Path.Combine(_packages.Root, "net8");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "nuget.config"), File.ReadAllText(Path.Combine(_packages.Root, "feed.config")).Replace("<clear />", "<clear /><add key=\"mirror\" value=\"https://api.nuget.org/v3/index.json\" />", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(project, "Old.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><RootNamespace>Old</RootNamespace></PropertyGroup>
              <ItemGroup><PackageReference Include="PresetPlanner" Version="{_packages.Version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(PresetPlanner.Presets.Models.Count);\n");

        (int exit, string output) = Dotnet.Run(project, _packages.Environment, "build");

        Assert.NotEqual(0, exit);
        Assert.Contains("error PP0100: PresetPlanner needs .NET 10 or later, and this project targets net8.0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS0400", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Packages_CarryLicenceReadmeTagsAndSchemas()
    {
        foreach (string id in new[] { "PresetPlanner", "PresetPlanner.Cli" })
        {
            using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_packages.Feed, $"{id}.{_packages.Version}.nupkg"));
            string[] entries = [.. package.Entries.Select(e => e.FullName)];
            Assert.Contains("LICENSE", entries);
            Assert.Contains("README.md", entries);
            using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string manifest = nuspec.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", manifest, StringComparison.Ordinal);
            Assert.Contains("<tags>", manifest, StringComparison.Ordinal);
            Assert.Matches("<repository type=\"git\"[^>]* commit=\"[0-9a-f]{40}\"", manifest);
            using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
            Assert.DoesNotContain("dotnet run --project", readme.ReadToEnd(), StringComparison.Ordinal);
        }

        using var library = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_packages.Feed, $"PresetPlanner.{_packages.Version}.nupkg"));
        Assert.Contains("schema/model.schema.json", library.Entries.Select(e => e.FullName));
        Assert.Contains("buildTransitive/PresetPlanner.targets", library.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void Library_BrokenConsumerPreset_IsACompileErrorWithFileLineAndColumn()
    {
        string project = Path.Combine(_packages.Root, "broken");
        Directory.CreateDirectory(Path.Combine(project, "presets", "gpus"));
        File.WriteAllText(Path.Combine(project, "nuget.config"), File.ReadAllText(Path.Combine(_packages.Root, "feed.config")));
        File.WriteAllText(Path.Combine(project, "Broken.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><RootNamespace>Broken</RootNamespace></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PresetPlanner" Version="{_packages.Version}" />
                <AdditionalFiles Include="presets/**/*.json" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "presets", "gpus", "x1.json"), "{\n  \"id\": \"x1\",\n  \"memoryGiB\": \"lots\"\n}\n");

        (int exit, string output) = Dotnet.Run(project, _packages.Environment, "build");

        Assert.NotEqual(0, exit);
        Assert.Contains("x1.json(3,3): error PP0004", output, StringComparison.Ordinal);
    }

    // `dotnet tool install` of the packed tool into a tool path of its own under the test's folder, as a user runs it.
    private string InstallTool(string folder)
    {
        string toolPath = Path.Combine(_packages.Root, folder);
        (int install, string log) = Dotnet.Run(_packages.Root, _packages.Environment, "tool", "install", "PresetPlanner.Cli",
            "--tool-path", toolPath, "--add-source", _packages.Feed, "--version", _packages.Version);
        Assert.True(install == 0, log);
        return toolPath;
    }

    // ELF (Linux), Mach-O (macOS) or PE (Windows) magic: a native executable, not a script or an apphost for a dll.
    private static bool IsNativeExecutable(string path)
    {
        byte[] head = new byte[4];
        using FileStream file = File.OpenRead(path);
        file.ReadExactly(head);
        return head is [0x7F, (byte)'E', (byte)'L', (byte)'F'] or [0xCF, 0xFA, 0xED, 0xFE] or [(byte)'M', (byte)'Z', _, _];
    }

    /// <summary>Packs once per test run into a temporary feed with a unique version (no stale global-cache copy).</summary>
    public sealed class Packages : IDisposable
    {
        public Packages()
        {
            Root = Directory.CreateTempSubdirectory("presetplanner-pack-").FullName;
            Feed = Path.Combine(Root, "feed");
            Version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
            foreach (string project in new[] { "src/PresetPlanner.Package", "src/PresetPlanner.Cli" })
            {
                (int exit, string log) = Dotnet.Run(Repository.Root, null, "pack", project, "-c", "Release", "-o", Feed, "-p:Version=" + Version);
                if (exit != 0)
                {
                    throw new InvalidOperationException("dotnet pack failed:\n" + log);
                }
            }

            File.WriteAllText(Path.Combine(Root, "feed.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{Feed}" /></packageSources></configuration>
                """);
        }

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        public Dictionary<string, string> Environment { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A child process may still hold a file; the temp folder is cleaned by the OS.
            }
        }
    }
}
