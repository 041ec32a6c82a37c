using System.CommandLine;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Input;

/// <summary>The training flags (<see cref="TrainingSettings"/>): sequence, batch, precision, gradients, MoE capacity, overlap, and the recipe's (<see cref="RecipeOptions"/>).</summary>
internal sealed class TrainingOptions(bool withSequence = true)
{
    public Option<string?> Seq { get; } = Options.Text("--seq", "Sequence length in tokens (default 4096)");

    public Option<string?> Gbs { get; } = Options.Text("--gbs", "Global batch in sequences (default 512)");

    public Option<string?> Precision { get; } = Options.Choice<ComputePrecision>("--precision", string.Join(" or ", Spelling.All<ComputePrecision>()) + " (default bf16)");

    public Option<string?> GradDtype { get; } = Options.Choice<GradientPrecision>("--grad-dtype", "Gradient dtype: " + string.Join(", ", Spelling.All<GradientPrecision>()) + " (default fp32)");

    public Option<string?> CapacityFactor { get; } = Options.Text("--capacity-factor", "MoE: busiest expert's load over a balanced one (default 1)");

    public Option<bool> OverlapComm { get; } = new("--overlap-comm") { Description = "Overlap TP communication with compute (Megatron-Core --tp-comm-overlap, torchtitan async TP)" };

    public Option<bool> CrossNodeTp { get; } = new("--cross-node-tp") { Description = "Let plans and searches rank TP groups that span NVLink domains (their per-layer collectives cross the network; evaluate always costs them)" };

    public Option<string?> Framework { get; } = Options.Choice<ExportFramework>("--framework", "Keep only layouts this framework runs: " + string.Join(", ", Spelling.All<ExportFramework>()) + " (plan --emit implies its framework; default any layout Megatron-Core runs)");

    public RecipeOptions Recipe { get; } = new();

    public void AddTo(Command command)
    {
        if (withSequence)
        {
            command.Add(Seq);
        }

        foreach (Option option in new Option[] { Gbs, Precision, GradDtype, CapacityFactor, OverlapComm, CrossNodeTp, Framework })
        {
            command.Add(option);
        }

        Recipe.AddTo(command);
    }

    /// <summary>The settings the flags give for <paramref name="model"/> on <paramref name="gpu"/>, whose recipe fills an MoE model's unstated runtime (<see cref="RecipeOptions.ApplyMoeRuntime"/>).</summary>
    public TrainingSettings Read(ParseResult pr, in ModelSpec model, in GpuSpec gpu)
    {
        var settings = new TrainingSettings { OverlapCommunication = pr.GetValue(OverlapComm), AllowCrossNodeTensorParallel = pr.GetValue(CrossNodeTp) };
        if (withSequence && pr.GetValue(Seq) is string seq)
        {
            settings = settings with { SequenceLength = Numbers.Positive("--seq", seq) };
        }

        if (pr.GetValue(Gbs) is string gbs)
        {
            settings = settings with { GlobalBatchSize = Numbers.Positive("--gbs", gbs) };
        }

        if (pr.GetValue(CapacityFactor) is string factor)
        {
            settings = settings with { ExpertCapacityFactor = Numbers.Real("--capacity-factor", factor, 1, 64) };
        }

        if (pr.GetValue(Precision) is string precision)
        {
            settings = settings with { Precision = Options.Parse<ComputePrecision>("--precision", precision, Spelling.TryParse) };
        }

        if (pr.GetValue(Framework) is string framework)
        {
            settings = settings with { Framework = Options.Parse<ExportFramework>("--framework", framework, Spelling.TryParse) };
        }

        if (pr.GetValue(GradDtype) is string gradients)
        {
            settings = settings with { Gradients = Options.Parse<GradientPrecision>("--grad-dtype", gradients, Spelling.TryParse) };
        }

        return Recipe.ApplyMoeRuntime(pr, Recipe.Apply(pr, settings), model, gpu);
    }
}
