using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// What a GPU holds besides weights, gradients, optimizer state and activations: the parts of the old flat reserve,
/// each with its source. The evaluator adds them as "other" (docs/model.md, "Other memory").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>CUDA context and library workspaces: <see cref="TrainingSettings.ReserveBytes"/> (default
/// <see cref="TrainingSettings.DefaultReserveBytes"/>: about 0.5 GiB of context and kernel images, as nvidia-smi shows for a
/// process that has only initialised CUDA, plus cuBLAS's 32 MiB Hopper workspace per stream, cuDNN and Transformer Engine
/// workspaces).</item>
/// <item>NCCL buffers: each communicator with more than one rank allocates, per channel and per peer, a buffer of
/// <c>NCCL_BUFFSIZE</c> (4 MiB) for the Simple protocol and smaller ones for LL and LL128 (NCCL's environment-variable
/// documentation); with 16 to 32 channels on NVLink this is a few hundred MiB per communicator:
/// <see cref="CommunicatorBytes"/> each, for the TP, PP, DP x CP, CP, EP and expert-DP groups a layout creates.</item>
/// <item>The fused MoE dispatchers (DeepEP, HybridEP) register fixed send and receive buffers for the token exchange:
/// <see cref="DispatcherBufferBytes"/>.</item>
/// <item>Pipeline send and receive buffers: one activation of s b h / c in BF16 each way.</item>
/// <item>Allocator fragmentation: PyTorch's caching allocator rounds and splits blocks and keeps freed ones reserved;
/// <see cref="TrainingSettings.Fragmentation"/> of what it hands out, fitted on BLOOM's nvidia-smi sweep, and much less
/// with <c>expandable_segments:True</c> (<see cref="TrainingSettings.ExpandableSegments"/>).</item>
/// </list>
/// </remarks>
internal static class ReservedMemory
{
    /// <summary>NCCL buffers of one communicator: 16 channels x 2 peers x about 8 MiB (Simple 4 MiB and LL128 about 4 MiB).</summary>
    public const double CommunicatorBytes = 256.0 * 1024 * 1024;

    /// <summary>Registered buffers of the DeepEP or HybridEP dispatcher per GPU (DeepEP's default normal-mode buffer is about 1 GB).</summary>
    public const double DispatcherBufferBytes = 1024.0 * 1024 * 1024;

    /// <summary>The fixed bytes of a plan: the settings' reserve and the fused dispatcher's buffers on an MoE model.</summary>
    public static double Fixed(in ModelSpec model, in TrainingSettings settings) =>
        settings.ReserveBytes + (model.IsMoe && settings.Dispatcher != MoeDispatcher.AllToAll ? DispatcherBufferBytes : 0);

    /// <summary>The NCCL communicators and pipeline buffers of <paramref name="layout"/>.</summary>
    public static double OfLayout(CostContext ctx, in ParallelLayout layout)
    {
        int groups = (layout.Tp > 1 ? 1 : 0) + (layout.Pp > 1 ? 1 : 0) + (layout.Cp > 1 ? 1 : 0) + ((long)layout.Dp * layout.Cp > 1 ? 1 : 0);
        if (ctx.Model.IsMoe)
        {
            groups += (layout.Ep > 1 ? 1 : 0) + ((long)layout.Tp * layout.Cp * layout.Dp > (long)layout.Ep * layout.Etp ? 1 : 0);
        }

        // One s b h / c activation each way in BF16; the degrees alone decide it (with sequence parallelism the tensors are
        // t times smaller, a few MB this bound ignores so that every variant of the degrees shares it).
        double pipeline = layout.Pp > 1 ? 2.0 * 2 * ctx.Settings.SequenceLength * layout.MicroBatch / layout.Cp * ctx.Model.Hidden : 0;
        return (groups * CommunicatorBytes) + pipeline;
    }

    /// <summary>The fraction of the allocated memory lost to fragmentation with the settings' allocator.</summary>
    public static double Fragmentation(in TrainingSettings settings) =>
        settings.ExpandableSegments ? settings.Fragmentation * TrainingSettings.ExpandableSegmentsShare : settings.Fragmentation;
}
