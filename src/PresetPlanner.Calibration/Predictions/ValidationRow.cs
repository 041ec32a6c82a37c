using PresetPlanner.Calibration.Runs;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;

namespace PresetPlanner.Calibration.Predictions;

/// <summary>A published run beside its prediction.</summary>
/// <param name="Run">The run.</param>
/// <param name="Result">The planner's evaluation of its layout.</param>
public sealed record ValidationRow(PublishedRun Run, StrategyResult Result)
{
    /// <summary>Predicted tokens/s per GPU.</summary>
    public double Predicted => Result.Time.TokensPerSecondPerGpu;

    /// <summary>(predicted - published) / published, or null when nothing was published or the layout was not valid.</summary>
    public double? Error => Run.TokensPerSecondPerGpu is double published && Result.IsValid ? (Predicted - published) / published : null;

    /// <summary>Predicted peak memory, GiB (nvidia-smi units).</summary>
    public double PredictedMemoryGiB => Result.Memory.Total / Units.GiB;
}
