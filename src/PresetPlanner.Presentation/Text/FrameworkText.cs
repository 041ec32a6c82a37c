using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Text;

/// <summary>What a plan for one framework left out, in words.</summary>
public static class FrameworkText
{
    /// <summary>"Only layouts DeepSpeed runs: 1,234 left out (no interleaving, no ring CP, no ZeRO-2/3 with PP)."</summary>
    public static string LeftOut(ExportFramework framework, int leftOut) =>
        $"Only layouts {Name(framework)} runs: {Units.Count(leftOut)} left out{Rules(framework)}.";

    /// <summary>"Megatron-LM", "Megatron-Bridge", "torchtitan", "DeepSpeed".</summary>
    public static string Name(ExportFramework framework) => framework switch
    {
        ExportFramework.Megatron => "Megatron-LM",
        ExportFramework.MegatronBridge => "Megatron-Bridge",
        ExportFramework.Torchtitan => "torchtitan",
        _ => "DeepSpeed",
    };

    // What the rule book's Framework* constraints take away for each framework (none for the Megatron family, whose
    // checks the rule book is).
    private static string Rules(ExportFramework framework) => framework switch
    {
        ExportFramework.DeepSpeed => " (no interleaved pipeline, no ring-attention CP, no ZeRO-2/3 with PP)",
        ExportFramework.Torchtitan => " (no ZeRO-1, TP always with sequence parallelism, ETP 1 or TP)",
        _ => " (the rule book is Megatron-Core's own)",
    };
}
