namespace PresetPlanner.Settings;

/// <summary>
/// What failures and checkpoints cost a long run (<see cref="Results.Goodput"/>): how often a GPU interrupts the job,
/// how long a restart takes, and how fast checkpoints are written and read. Every default carries its source
/// (docs/model.md, "Goodput").
/// </summary>
public readonly record struct Reliability
{
    /// <summary>
    /// Llama 3 405B's unexpected interruptions per GPU-hour: 419 in a 54-day snapshot on 16,384 H100 (Llama Team 2024,
    /// "The Llama 3 Herd of Models", section 3.3.4): one per 50,700 GPU-hours, one every 3.1 hours on the whole job.
    /// </summary>
    public const double Llama3FailuresPerGpuHour = 419.0 / (16_384.0 * 54 * 24);

    /// <summary>
    /// Seconds from an interruption to training again, checkpoint load and lost work not included: 10 minutes, MegaScale's
    /// "less than 10 minutes" to detect a failure and run its diagnostics on more than 10,000 GPUs (Jiang et al. NSDI 2024,
    /// section 6.3), which ByteRobust puts at "often more than 10 minutes" at that scale (arXiv 2509.16293).
    /// </summary>
    public const double DefaultRestartSeconds = 600;

    /// <summary>
    /// Checkpoint writes per server, bytes/s: 2 GB/s, the "good" single-node write of NVIDIA's DGX SuperPOD storage
    /// guidelines (DGX H100 reference architecture RA-11333-001, Table 6; 4 and 20 GB/s for "better" and "best").
    /// </summary>
    public const double DefaultWriteBytesPerSecondPerNode = 2e9;

    /// <summary>Reads over writes: the same table's single-node reads are twice its writes at every level (4/2, 8/4, 40/20 GB/s).</summary>
    public const double ReadOverWrite = 2;

    /// <summary>
    /// A GPU's copy of its checkpoint to pinned host memory under asynchronous checkpointing, bytes/s: 64 GB/s, one
    /// direction of a PCIe Gen5 x16 link (H100 SXM: "PCIe Gen5: 128 GB/s" both ways, NVIDIA H100 datasheet), which MegaScale
    /// (section 4.4) and PyTorch's asynchronous distributed checkpoint use as the only blocking part.
    /// </summary>
    public const double HostCopyBytesPerSecond = 64e9;

    /// <summary>The defaults above.</summary>
    public Reliability()
    {
    }

    /// <summary>Interruptions per GPU-hour (default <see cref="Llama3FailuresPerGpuHour"/>); the job's rate is this times its GPUs.</summary>
    public double FailuresPerGpuHour { get; init; } = Llama3FailuresPerGpuHour;

    /// <summary>Seconds to restart after an interruption (default <see cref="DefaultRestartSeconds"/>).</summary>
    public double RestartSeconds { get; init; } = DefaultRestartSeconds;

    /// <summary>
    /// Checkpoint write bandwidth per server, bytes/s; null takes the cluster's (<see cref="Specs.ClusterSpec.StorageWriteBytesPerSecondPerNode"/>),
    /// or <see cref="DefaultWriteBytesPerSecondPerNode"/> when its preset states none. Reads run at <see cref="ReadOverWrite"/> times it.
    /// </summary>
    public double? WriteBytesPerSecondPerNode { get; init; }

    /// <summary>The write bandwidth per server on <paramref name="cluster"/>: this override, the cluster's, or the default.</summary>
    public double WriteBandwidthOn(in Specs.ClusterSpec cluster) => WriteBytesPerSecondPerNode ?? cluster.StorageWriteBytesPerSecondPerNode ?? DefaultWriteBytesPerSecondPerNode;

    /// <summary>
    /// Asynchronous checkpointing (Megatron-LM <c>--async-save</c>, torch.distributed.checkpoint <c>async_save</c>): training
    /// blocks only for the copy to host memory, and the write must finish before the next checkpoint starts.
    /// </summary>
    public bool AsyncCheckpoint { get; init; }
}
