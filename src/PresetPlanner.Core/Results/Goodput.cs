using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Results;

/// <summary>
/// The share of a long run's wall-clock time that trains, with failures and checkpoints (docs/model.md, "Goodput"):
/// Daly's model of a job that checkpoints every tau seconds of work and restarts from the last checkpoint after each
/// failure, failures arriving as a Poisson process with mean time M between them (J. T. Daly, "A higher order estimate of
/// the optimum checkpoint interval for restart dumps", Future Generation Computer Systems 22(3), 2006).
/// </summary>
/// <param name="MeanSecondsBetweenFailures">M: 1 / (failures per GPU-hour x GPUs), in seconds.</param>
/// <param name="CheckpointBytesPerGpu">What the busiest GPU writes per checkpoint: its share of the optimizer state and master weights.</param>
/// <param name="WriteSeconds">Seconds that GPU's write takes at its share of the server's storage bandwidth.</param>
/// <param name="BlockingSeconds">delta: seconds training stops per checkpoint (the write, or the copy to host memory when asynchronous).</param>
/// <param name="RestartSeconds">R: seconds from a failure to training again, with the checkpoint's load.</param>
/// <param name="IntervalSeconds">tau: work between checkpoints, Daly's optimum (at least the write under asynchronous checkpointing).</param>
/// <param name="Fraction">Training time over wall-clock time, 0 to 1.</param>
public readonly record struct Goodput(double MeanSecondsBetweenFailures, double CheckpointBytesPerGpu, double WriteSeconds, double BlockingSeconds, double RestartSeconds, double IntervalSeconds, double Fraction)
{
    /// <summary>
    /// The goodput of <paramref name="row"/>. The checkpoint is the training state once (FP32 master weights and optimizer
    /// moments, <see cref="TrainingSettings.Optimizer"/>'s bytes per parameter; weights in 16 bits are derived from them):
    /// each GPU writes its ZeRO shard, and data-parallel replicas of an unsharded state split its write (Megatron-LM's
    /// fully parallel save, torch.distributed.checkpoint's de-duplication), so the busiest GPU writes its optimizer state
    /// over its replicas, at least the state over the GPUs.
    /// </summary>
    /// <param name="row">An evaluated layout.</param>
    /// <param name="model">The model.</param>
    /// <param name="settings">The training settings.</param>
    /// <param name="cluster">The cluster: its servers share their storage bandwidth.</param>
    /// <param name="reliability">Failure rate, restart time and storage bandwidth.</param>
    public static Goodput Of(in StrategyResult row, in ModelSpec model, in TrainingSettings settings, in ClusterSpec cluster, in Reliability reliability)
    {
        long gpus = row.Layout.Gpus;
        double stateBytes = settings.Lora ? 0 : model.TotalParameters * Vocabulary.OptimizerStates.BytesPerParameter(settings.Optimizer);
        double kept = 1 - settings.OptimizerOffloadFraction;
        double owned = kept > 0 ? row.Memory.Optimizer / kept : 0;
        // DualPipe's two copies of each stage are one state: the pair writes it once; HSDP's replicas of a shard group, and
        // ZeRO-0's of the whole state, split its write.
        double ranks = (double)row.Layout.Dp * row.Layout.Cp;
        double sharded = settings.ShardGroupSize > 0 && settings.ShardGroupSize < ranks ? ranks / settings.ShardGroupSize : 1;
        double replicas = (row.Layout.Zero == 0 ? ranks : sharded) * row.Layout.StagesPerGpu;
        double perGpu = Math.Max(stateBytes / Math.Max(gpus, 1), owned / replicas);

        double perNode = Math.Max(1, Math.Min(cluster.GpusPerNode, gpus));
        double bandwidth = reliability.WriteBandwidthOn(cluster);
        double write = perGpu / (bandwidth / perNode);
        double load = perGpu / (Reliability.ReadOverWrite * bandwidth / perNode);
        double blocking = reliability.AsyncCheckpoint ? perGpu / Reliability.HostCopyBytesPerSecond : write;
        double rate = reliability.FailuresPerGpuHour * gpus;
        if (!(rate > 0) || !double.IsFinite(rate))
        {
            // No failures: nothing is lost and no checkpoint is needed for recovery.
            return new Goodput(double.PositiveInfinity, perGpu, 0, 0, 0, double.PositiveInfinity, 1);
        }

        double m = 3600 / rate;
        double restart = reliability.RestartSeconds + load;
        double tau = DalyInterval(blocking, m);
        if (reliability.AsyncCheckpoint)
        {
            tau = Math.Max(tau, write);
        }

        return new Goodput(m, perGpu, write, blocking, restart, tau, FractionOf(tau, blocking, restart, m));
    }

    /// <summary>
    /// Daly's optimum work between checkpoints: sqrt(2 delta M) [1 + sqrt(delta / 2M) / 3 + (delta / 2M) / 9] - delta for
    /// delta &lt; 2M, else M (Daly 2006; to first order Young's sqrt(2 delta M), J. W. Young, CACM 17(9), 1974).
    /// It gives Daly's own examples: 117, 57 and 9.1 minutes for delta = 5 minutes and M = 24 h, 6 h and 15 minutes.
    /// </summary>
    public static double DalyInterval(double delta, double m)
    {
        if (delta >= 2 * m)
        {
            return m;
        }

        double x = delta / (2 * m);
        return (Math.Sqrt(2 * delta * m) * (1 + (Math.Sqrt(x) / 3) + (x / 9))) - delta;
    }

    /// <summary>
    /// Training time over wall-clock time with checkpoints every <paramref name="tau"/> seconds of work: T_s / T_w with
    /// Daly's expected wall time T_w = M e^(R/M) (e^((tau + delta)/M) - 1) T_s / tau (Daly 2006, his model of the expected wall-clock time with Poisson failures).
    /// </summary>
    /// <remarks>
    /// With a checkpoint that costs nothing (delta = 0: LoRA's adapters, which the model does not size) the optimum interval
    /// tends to 0 and the goodput to its limit e^(-R/M): only the restarts are lost.
    /// </remarks>
    public static double FractionOf(double tau, double delta, double restart, double m) =>
        !(m > 0) ? 0
        : double.IsPositiveInfinity(m) ? 1
        : tau <= 0 ? (delta <= 0 ? Math.Exp(-restart / m) : 0)
        : tau / (m * Math.Exp(restart / m) * ExpMinusOne((tau + delta) / m));

    /// <summary>Wall-clock seconds of a run whose ideal (failure-free) time is <paramref name="idealSeconds"/>: it over the goodput; infinite at 0.</summary>
    public double WallSeconds(double idealSeconds) => Fraction > 0 ? idealSeconds / Fraction : double.PositiveInfinity;

    /// <summary>Wall-clock days of <paramref name="ideal"/>'s run with failures and checkpoints.</summary>
    public double DaysWithFailures(in TimeToTrain ideal) => WallSeconds(ideal.Seconds) / TimeToTrain.SecondsPerDay;

    /// <summary>Interruptions expected over <paramref name="wallSeconds"/> of a run.</summary>
    public double Interruptions(double wallSeconds) => MeanSecondsBetweenFailures > 0 ? wallSeconds / MeanSecondsBetweenFailures : 0;

    // e^x - 1 without the cancellation of Math.Exp(x) - 1 at the small x of a checkpoint interval over a mean time between
    // failures of days (.NET's double.ExpM1 computes Exp(x) - 1).
    private static double ExpMinusOne(double x) => Math.Abs(x) < 1e-4 ? x * (1 + (x / 2 * (1 + (x / 3)))) : Math.Exp(x) - 1;
}
