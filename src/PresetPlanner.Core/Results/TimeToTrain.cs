using PresetPlanner.Specs;

namespace PresetPlanner.Results;

/// <summary>
/// What training on a token budget costs with one layout: wall-clock time, GPU-hours, GPU board energy and, with a
/// price, money. Steady-state throughput only: no start-up, checkpointing, failures or evaluation (docs/model.md,
/// "Time to train").
/// </summary>
/// <param name="Tokens">The training budget, tokens.</param>
/// <param name="Gpus">GPUs the layout runs on.</param>
/// <param name="Seconds">Wall-clock seconds: tokens / (tokens per second per GPU x GPUs).</param>
/// <param name="GpuHours">GPUs x seconds / 3600.</param>
/// <param name="EnergyJoules">GPU board energy at full board power (GPUs x watts x seconds); null when the GPU preset states no board power. Hosts, network and cooling (PUE) are not included.</param>
/// <param name="Cost">GPU-hours x the price per GPU-hour; null without a price.</param>
public readonly record struct TimeToTrain(double Tokens, long Gpus, double Seconds, double GpuHours, double? EnergyJoules, double? Cost)
{
    /// <summary>Seconds in a day.</summary>
    public const double SecondsPerDay = 86_400;

    /// <summary>Wall-clock days.</summary>
    public double Days => Seconds / SecondsPerDay;

    /// <summary>GPU board energy in megawatt-hours (1 MWh = 3.6e9 J); null when unknown.</summary>
    public double? EnergyMegawattHours => EnergyJoules / 3.6e9;

    /// <summary>The budget's figures for <paramref name="row"/>; <paramref name="boardWatts"/> 0 leaves energy unknown.</summary>
    /// <param name="row">An evaluated layout (its predicted throughput).</param>
    /// <param name="tokens">Tokens to train on.</param>
    /// <param name="boardWatts">The GPU's board power, W (<see cref="GpuSpec.BoardWatts"/>).</param>
    /// <param name="pricePerGpuHour">Price of one GPU-hour, or null.</param>
    public static TimeToTrain Of(in StrategyResult row, double tokens, double boardWatts, double? pricePerGpuHour)
    {
        long gpus = row.Layout.Gpus;
        double perSecond = row.Time.TokensPerSecondPerGpu * gpus;
        double seconds = perSecond > 0 ? tokens / perSecond : double.PositiveInfinity;
        double gpuHours = gpus * seconds / 3600;
        double? energy = boardWatts > 0 ? gpus * boardWatts * seconds : null;
        return new TimeToTrain(tokens, gpus, seconds, gpuHours, energy, gpuHours * pricePerGpuHour);
    }
}
