using PresetPlanner.Vocabulary;

namespace PresetPlanner.Settings;

/// <summary>
/// How the model is trained, whatever the layout: sequence length, global batch, precision, optimizer and memory reserve.
/// <c>new TrainingSettings()</c> gives the defaults: sequence 4096, global batch 512 sequences, BF16 with fp32 gradients
/// and Adam, FlashAttention, TP inside a node. Checked once, when a <see cref="Planning.PlanningContext"/> is created.
/// </summary>
public readonly record struct TrainingSettings
{
    /// <summary>Default fixed reserve: CUDA context and kernel images (about 0.5 GiB) plus cuBLAS, cuDNN and Transformer Engine workspaces (about 0.25 GiB).</summary>
    public const long DefaultReserveBytes = 3L << 28;

    /// <summary>
    /// Default allocator waste: this fraction of what PyTorch's caching allocator hands out (model states and
    /// activations) stays reserved in its cached blocks, fitted on the BLOOM nvidia-smi measurements (docs/validation.md,
    /// docs/model.md; a fraction of the activations alone fits them worse and misses two of the four OOM rows).
    /// </summary>
    public const double DefaultFragmentation = 0.18;

    /// <summary>
    /// The share of <see cref="Fragmentation"/> left with <c>expandable_segments:True</c>, which maps freed pages back
    /// into one growing segment instead of caching fixed-size blocks (PyTorch CUDA semantics, "Optimizing memory usage with
    /// PYTORCH_CUDA_ALLOC_CONF"). No published run measures it; it is the largest round share with which every Megatron-Bridge
    /// run of the calibration set that trained (all with expandable segments) is predicted to fit (docs/model.md).
    /// </summary>
    public const double ExpandableSegmentsShare = 0.25;

    /// <summary>The defaults.</summary>
    public TrainingSettings()
    {
    }

    /// <summary>Sequence length in tokens (s).</summary>
    public int SequenceLength { get; init; } = 4096;

    /// <summary>Global batch in sequences (B).</summary>
    public int GlobalBatchSize { get; init; } = 512;

    /// <summary>Matmul precision.</summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.Bf16;

    /// <summary>Gradient buffer and reduction precision.</summary>
    public GradientPrecision Gradients { get; init; } = GradientPrecision.Fp32;

    /// <summary>Optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>FlashAttention: no s x s matrix is stored (Dao et al. 2022). On for every modern stack.</summary>
    public bool FlashAttention { get; init; } = true;

    /// <summary>
    /// Overlap TP communication with computation (Megatron-Core <c>--tp-comm-overlap</c> with Transformer Engine
    /// userbuffers; torchtitan's async TP, <c>enable_async_tensor_parallel</c> under torch.compile, micro-pipelines the
    /// same all-gathers and reduce-scatters into its matmuls); off by default, as in Megatron-Core.
    /// </summary>
    public bool OverlapCommunication { get; init; }

    /// <summary>
    /// Overlap the MoE all-to-all with another micro-batch's computation (Megatron-Core
    /// <c>--overlap-moe-expert-parallel-comm</c>, the 1F1B all-to-all overlap); off by default.
    /// </summary>
    public bool OverlapExpertCommunication { get; init; }

    /// <summary>How much of the step runs as CUDA graphs (Megatron-Core <c>--cuda-graph-impl</c>/<c>--cuda-graph-scope</c>); none by default.</summary>
    public CudaGraphScope CudaGraphs { get; init; }

    /// <summary>The MoE token dispatcher (Megatron-Core <c>--moe-token-dispatcher-type</c>); NCCL all-to-all by default.</summary>
    public MoeDispatcher Dispatcher { get; init; }

    /// <summary>
    /// Drop the tokens over each expert's capacity and pad every expert's input up to it (Megatron-Core
    /// <c>--moe-expert-capacity-factor</c> <see cref="ExpertCapacityFactor"/> with <c>--moe-pad-expert-input-to-capacity</c>):
    /// every dispatch size is then known on the host, so MoE layers do not wait for the GPU to count tokens
    /// (<see cref="EfficiencyModel.MoeLayerHostSeconds"/>). Off by default: dropless routing, as in Megatron-Core.
    /// </summary>
    public bool DropAndPad { get; init; }

    /// <summary>
    /// Fine-tune low-rank adapters only (LoRA, Hu et al. 2021; Megatron-Bridge <c>peft=lora</c>): the base weights are
    /// frozen, so they have no gradients, no optimizer state and no weight-gradient GEMMs (the adapters' own are
    /// negligible and not counted).
    /// </summary>
    public bool Lora { get; init; }

    /// <summary>
    /// The framework the run must launch in: plans and searches keep only the layouts it runs (the rule book's
    /// <c>Framework*</c> constraints: DeepSpeed has no interleaving, no ring CP and no ZeRO-2/3 with PP; torchtitan has no
    /// ZeRO-1, always shards the sequence with TP and takes ETP 1 or TP). Null: any layout Megatron-Core runs (Megatron-LM
    /// and Megatron-Bridge run every layout the rules allow).
    /// </summary>
    public ExportFramework? Framework { get; init; }

    /// <summary>
    /// Whether <paramref name="framework"/> ships <paramref name="schedule"/>: any when unstated; Megatron-LM,
    /// Megatron-Bridge and DeepSpeed 1F1B only (Megatron-Core's pipeline_parallel/schedules.py has 1F1B and interleaved 1F1B,
    /// DeepSpeed's TrainSchedule 1F1B); torchtitan 1F1B, ZB-V and DualPipeV (torch.distributed.pipelining's
    /// <c>ZBVZeroBubble</c> and <c>DualPipeV</c>; it has no single-chunk zero-bubble schedule and no two-copy DualPipe).
    /// </summary>
    public static bool FrameworkRuns(ExportFramework? framework, PipelineSchedule schedule) => framework switch
    {
        null => true,
        ExportFramework.Torchtitan => schedule is PipelineSchedule.OneForwardOneBackward or PipelineSchedule.ZeroBubbleV or PipelineSchedule.DualPipeV,
        _ => schedule == PipelineSchedule.OneForwardOneBackward,
    };

    /// <summary>Allow tensor-parallel groups that span NVLink domains (slow; off by default).</summary>
    public bool AllowCrossNodeTensorParallel { get; init; }

    /// <summary>How ranks are ordered into groups, which decides each group's link (Megatron-Core's default <c>tp-cp-ep-dp-pp</c>).</summary>
    public RankOrder RankOrder { get; init; }

    /// <summary>Fixed per-GPU reserve in bytes: CUDA context and library workspaces (NCCL buffers are counted per communicator).</summary>
    public long ReserveBytes { get; init; } = DefaultReserveBytes;

    /// <summary>Allocator fragmentation as a fraction of weights, gradients, optimizer state and activations.</summary>
    public double Fragmentation { get; init; } = DefaultFragmentation;

    /// <summary>
    /// PyTorch's allocator runs with <c>PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True</c> (Megatron-Bridge's
    /// performance scripts set it), which wastes far less to fragmentation (<see cref="ExpandableSegmentsShare"/>).
    /// </summary>
    public bool ExpandableSegments { get; init; }

    /// <summary>
    /// Tokens the busiest expert processes relative to a perfectly balanced load (GShard/Switch capacity factor, or the
    /// load imbalance of dropless routing); 1 = balanced. Scales routed-expert compute, activations and EP traffic.
    /// </summary>
    public double ExpertCapacityFactor { get; init; } = 1.0;

    /// <summary>
    /// What a <see cref="RecomputeMode.Selective"/> layout recomputes: Megatron-Core's <c>--recompute-modules</c>
    /// (default <c>core_attn</c>, as in Megatron-LM).
    /// </summary>
    public RecomputeModules SelectiveModules { get; init; } = RecomputeModules.CoreAttention;

    /// <summary>
    /// With <see cref="RecomputeMode.Full"/>, the layers of each virtual chunk that are recomputed; the others keep all
    /// their activations (Megatron-LM <c>--recompute-method block --recompute-num-layers N</c>). 0 = every layer.
    /// </summary>
    public int FullRecomputeLayers { get; init; }

    /// <summary>
    /// Layers per pipeline stage whose activations are moved to host memory during the forward pass and brought back for
    /// the backward (Megatron-Core <c>--cpu-offloading --cpu-offloading-num-layers N</c>; Megatron-Bridge
    /// <c>cpu_offloading_num_layers</c>). 0 = none.
    /// </summary>
    public int ActivationOffloadLayers { get; init; }

    /// <summary>
    /// Layers at the start of the model kept in BF16 under an 8- or 4-bit recipe: their GEMMs run at the BF16 rate
    /// (Megatron-Core <c>TransformerConfig.first_last_layers_bf16</c> with <c>num_layers_at_start_in_bf16</c>,
    /// <c>megatron/core/fp8_utils.py</c> <c>is_first_last_bf16_layer</c>; NVIDIA's NVFP4 pretraining keeps a few of the
    /// last layers in higher precision). 0 = none; refused in a BF16 recipe (the input validator), so every reader may take
    /// a count above 0 as an 8- or 4-bit recipe's.
    /// </summary>
    public int Bf16FirstLayers { get; init; }

    /// <summary>Layers at the end of the model kept in BF16 (<c>num_layers_at_end_in_bf16</c>; Megatron-Bridge's Nemotron 3 Super NVFP4 recipe keeps 14).</summary>
    public int Bf16LastLayers { get; init; }

    /// <summary>Whether any end layer stays in BF16 (<see cref="Bf16FirstLayers"/> or <see cref="Bf16LastLayers"/> above 0): what the exports write.</summary>
    public bool KeepsBf16EndLayers => Bf16FirstLayers > 0 || Bf16LastLayers > 0;

    /// <summary>
    /// Multi-token-prediction depths trained beside the next-token loss (DeepSeek-V3 report section 2.2; Megatron-Core
    /// <c>--mtp-num-layers</c>, Megatron-Bridge <c>mtp_num_layers</c>). Each depth is one more layer with attention (and
    /// the model's MoE, or its MLP) on the last pipeline stage, a 2h x h projection with two norms, and one more logits
    /// pass over the shared output head, whose fp32 logits the last stage keeps beside the main ones. 0 = none.
    /// </summary>
    public int MtpLayers { get; init; }

    /// <summary>
    /// Fraction of the optimizer state (fp32 master weights and moments) kept in host memory and stepped by the CPU
    /// (Megatron-Core <c>--optimizer-cpu-offload --optimizer-offload-fraction</c>). 0 = none.
    /// </summary>
    public double OptimizerOffloadFraction { get; init; }

    /// <summary>
    /// Keep the weights only in the low-precision format and gather them in it (Megatron-LM <c>--fp8-param-gather</c>,
    /// Transformer Engine <c>fp8_model_init</c>): no BF16 weight copy, and half the bytes in ZeRO's weight all-gather.
    /// Needs a low-precision <see cref="Precision"/>.
    /// </summary>
    public bool Fp8ParamGather { get; init; }

    /// <summary>
    /// Keep the SwiGLU's input (the gate and up projections' outputs) for the backward pass as an FP8 (E4M3) copy instead
    /// of BF16 (Megatron-Core <c>TransformerConfig.activation_func_fp8_input_store</c>, in <c>fused_bias_swiglu.py</c>'s
    /// SwiGLU functions for dense MLPs and grouped experts alike; Megatron-Bridge <c>model.activation_func_fp8_input_store</c>;
    /// DeepSeek-V3 report section 3.3.2 stores its experts' SwiGLU inputs in FP8). Independent of the precision recipe;
    /// Megatron-Core accepts it only for SwiGLU.
    /// </summary>
    public bool ActivationFuncFp8InputStore { get; init; }

    /// <summary>When ZeRO-3/FSDP re-shards the gathered weights (FSDP2 <c>reshard_after_forward</c>).</summary>
    public ReshardPolicy Reshard { get; init; }

    /// <summary>
    /// HSDP: ZeRO shards over groups of this many data-parallel (x CP) ranks and replicates across groups (PyTorch HSDP,
    /// torchtitan <c>data_parallel_shard_degree</c>, Megatron-FSDP <c>--num-distributed-optimizer-instances</c>).
    /// 0 = shard over the whole data-parallel group.
    /// </summary>
    public int ShardGroupSize { get; init; }

    /// <summary>Transformer layers on the first pipeline stage (Megatron <c>--decoder-first-pipeline-num-layers</c>); 0 = even split.</summary>
    public int FirstStageLayers { get; init; }

    /// <summary>Transformer layers on the last pipeline stage (Megatron <c>--decoder-last-pipeline-num-layers</c>); 0 = even split.</summary>
    public int LastStageLayers { get; init; }

    /// <summary>Count the embedding as one layer when splitting the pipeline (Megatron <c>--account-for-embedding-in-pipeline-split</c>).</summary>
    public bool EmbeddingInPipelineSplit { get; init; }

    /// <summary>Count the loss as one layer when splitting the pipeline (Megatron <c>--account-for-loss-in-pipeline-split</c>).</summary>
    public bool LossInPipelineSplit { get; init; }

    /// <summary>The MoE runtime these settings hold: <see cref="Dispatcher"/>, <see cref="CudaGraphs"/>, <see cref="OverlapExpertCommunication"/> and <see cref="DropAndPad"/>.</summary>
    public MoeRuntime MoeRuntime => new(Dispatcher, CudaGraphs, OverlapExpertCommunication, DropAndPad);

    /// <summary>These settings with <paramref name="runtime"/>'s four MoE settings (e.g. <see cref="MoeRuntime.RecipeFor"/>'s).</summary>
    public TrainingSettings WithMoeRuntime(in MoeRuntime runtime) => this with
    {
        Dispatcher = runtime.Dispatcher,
        CudaGraphs = runtime.CudaGraphs,
        OverlapExpertCommunication = runtime.OverlapExpertCommunication,
        DropAndPad = runtime.DropAndPad,
    };

    /// <summary>Tokens per step: B x s.</summary>
    public long TokensPerStep => (long)GlobalBatchSize * SequenceLength;

    /// <summary>Whether the gradient reduction sends 16-bit values (what an export asks its framework for).</summary>
    public bool ReducesGradientsIn16Bits => ReducesIn16Bits(Gradients);

    /// <summary>Whether gradients kept as <paramref name="precision"/> are reduced in 16 bits: bf16, and DeepSpeed's ZeRO-0 bf16 gradients flattened to fp32 after the reduction.</summary>
    internal static bool ReducesIn16Bits(GradientPrecision precision) =>
        precision is GradientPrecision.Bf16 or GradientPrecision.Bf16FlattenedToFp32;
}
