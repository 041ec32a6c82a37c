namespace PresetPlanner.Generator.Tests;

/// <summary>Small valid presets that tests copy and break one property at a time.</summary>
internal static class Fixtures
{
    public const string ModelPath = "/repo/presets/models/tiny-1b.json";
    public const string GpuPath = "/repo/presets/gpus/test-gpu.json";
    public const string ClusterPath = "/repo/presets/clusters/test-cluster.json";

    // 16 layers of h=2048, MHA, SwiGLU f=5632, V=32000 untied: 16*(4h^2 + 3hf + 2h) + 2Vh + h = 953,223,168.
    public const string Model = """
        {
          "id": "tiny-1b",
          "name": "Tiny 1B",
          "source": "test fixture",
          "statedParameters": 0.953e9,
          "layers": 16,
          "hidden": 2048,
          "heads": 16,
          "kvHeads": 16,
          "ffnHidden": 5632,
          "activation": "swiglu",
          "vocab": 32000,
          "tiedEmbeddings": false,
          "norm": "rmsnorm",
          "maxSequence": 4096
        }
        """;

    public const string Gpu = """
        {
          "id": "test-gpu",
          "name": "Test GPU",
          "vendor": "Test",
          "source": "test fixture",
          "memoryGiB": 80,
          "memoryTBps": 3.35,
          "bf16Tflops": 989,
          "fp8Tflops": 1979,
          "scaleUpGBps": 450,
          "scaleUpDomain": 8,
          "scaleOutGBps": 50
        }
        """;

    public const string Cluster = """
        {
          "id": "test-cluster",
          "name": "Test cluster",
          "source": "test fixture",
          "gpu": "test-gpu",
          "gpuCount": 16,
          "gpusPerNode": 8
        }
        """;

    /// <summary>The three fixtures, valid together.</summary>
    public static (string Path, string Json)[] All() => [(ModelPath, Model), (GpuPath, Gpu), (ClusterPath, Cluster)];

    /// <summary>Replaces the first occurrence of <paramref name="find"/>; fails if it is absent so a typo cannot hide a test.</summary>
    public static string Edit(string json, string find, string replace)
    {
        int index = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"fixture does not contain '{find}'");
        return string.Concat(json.AsSpan(0, index), replace, json.AsSpan(index + find.Length));
    }
}
