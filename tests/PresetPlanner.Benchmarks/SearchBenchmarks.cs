using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>Searching for the best layout: exhaustive with and without pruning, and an 8..16384-GPU sweep.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private static readonly SearchSpace s_full = new();
    private PlanningContext _llama405B = null!;
    private PlanningContext _gpt22B = null!;
    private int[] _sizes = [];

    [GlobalSetup]
    public void Setup()
    {
        _llama405B = PlanningContext.Create(Presets.Llama405B, Presets.H100x16384, new TrainingSettings { GlobalBatchSize = 2048 });
        _gpt22B = PlanningContext.Create(Presets.Gpt22B, ClusterPreset.Of(Presets.A100, 64, 8), new TrainingSettings { SequenceLength = 2048, GlobalBatchSize = 1024, FlashAttention = false });
        _sizes = InverseQuestions.Sizes(8, 8, 16384);
    }

    /// <summary>Every layout evaluated.</summary>
    [Benchmark(Baseline = true)]
    public bool Gpt22BOnA100x64_Unpruned() => StrategySearch.TryFindBest(_gpt22B.Costing, s_full, prune: false, out _);

    /// <summary>Layouts skipped when they cannot fit or cannot beat the best so far.</summary>
    [Benchmark]
    public bool Gpt22BOnA100x64_Pruned() => _gpt22B.TryFindBest(s_full, out _);

    /// <summary>Every candidate of the full cross product (3,226,944 for 64 GPUs) checked, the admitted ones evaluated.</summary>
    [Benchmark]
    public bool Gpt22BOnA100x64_BruteForceCrossProduct() => CandidateSpace.TryFindBest(_gpt22B.Costing, s_full, out _);

    /// <summary>Llama-3.1-405B on 16,384 H100, pruned.</summary>
    [Benchmark]
    public bool Llama405BOnH100x16384_Pruned() => _llama405B.TryFindBest(s_full, out _);

    /// <summary>Best layout of Llama-3.1-70B on 8, 16, ... 16,384 H100.</summary>
    [Benchmark]
    public int Llama70BSweep8To16384() => InverseQuestions.Sweep(Presets.Llama70B, Presets.H100, 8, new TrainingSettings { GlobalBatchSize = 2048 }, s_full, _sizes).Length;
}
