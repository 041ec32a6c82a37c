using PresetPlanner.Results;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Presentation.Text;

/// <summary>A prediction band (<see cref="PredictionBand"/>) in words: the runs it was drawn from and the range it gives.</summary>
public static class BandText
{
    /// <summary>The runs the band was drawn from: "Hopper-class dense 8-bit runs".</summary>
    public static string Runs(in PredictionBand band)
    {
        string generation = band.Scope is BandScope.Kind or BandScope.Generation ? band.Generation + "-class " : string.Empty;
        string kind = band.Scope == BandScope.All ? string.Empty : band.Moe ? "MoE " : "dense ";
        string width = band.Scope == BandScope.Kind ? Spelling.Of(band.Precision) + " " : string.Empty;
        return $"{generation}{kind}{width}runs";
    }

    /// <summary>The tokens/s range of a prediction of <paramref name="tokensPerSecond"/>: "1,057-1,584".</summary>
    public static string TokensPerSecond(in PredictionBand band, double tokensPerSecond)
    {
        (double low, double high) = band.TokensPerSecond(tokensPerSecond);
        return Units.Count(low) + "-" + Units.Count(high);
    }

    /// <summary>The line under a plan's table: which band its tokens/s carry, as factors of the prediction.</summary>
    public static string Footnote(in PredictionBand band)
    {
        (double low, double high) = band.TokensPerSecond(1);
        return $"Band: in 8 of 10 held-out predictions of {Runs(band)} ({Units.Count(band.Predictions)}, of {Units.Count(band.Runs)} runs) the published tokens/s was {Units.Number(low, 2)}-{Units.Number(high, 2)} times the predicted (docs/validation.md, \"Prediction bands\").";
    }

    /// <summary>
    /// The band of one evaluation: "Band: 1,056-1,583 tokens/s per GPU, 20.71-31.01 s per step (8 in 10 held-out
    /// predictions of Hopper-class dense 16-bit runs)".
    /// </summary>
    public static string Evaluation(in PredictionBand band, in StepTime time)
    {
        (double low, double high) = band.StepSeconds(time.StepSeconds);
        return $"Band: {TokensPerSecond(band, time.TokensPerSecondPerGpu)} tokens/s per GPU, {Units.Number(low, 2)}-{Units.Number(high, 2)} s per step (8 in 10 held-out predictions of {Runs(band)}; docs/validation.md, \"Prediction bands\")";
    }
}
