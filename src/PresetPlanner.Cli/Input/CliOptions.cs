using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>Every option the commands share, declared once; values are read and checked by the Input readers.</summary>
internal sealed class CliOptions
{
    public Argument<string?> Model { get; } = new("MODEL") { Arity = ArgumentArity.ZeroOrOne, Description = "Model preset id (default llama-3.1-70b), or 'custom' with the model flags" };

    public Argument<string?> Cluster { get; } = new("CLUSTER") { Arity = ArgumentArity.ZeroOrOne, Description = "Cluster preset id (default h100x64)" };

    public Option<string?> Seq { get; } = Text("--seq", "Sequence length in tokens (default 4096)");

    public Option<string?> Gbs { get; } = Text("--gbs", "Global batch in sequences (default 512)");

    public Option<string?> Mbs { get; } = Text("--mbs", "Micro-batch size (plan: value or list)");

    public Option<string?> Precision { get; } = Text("--precision", "bf16 or fp8");

    public Option<string?> GradDtype { get; } = Text("--grad-dtype", "Gradient dtype: fp32 (default) or bf16");

    public Option<string?> CapacityFactor { get; } = Text("--capacity-factor", "MoE: busiest expert's load over a balanced one (default 1)");

    public Option<string?> Zero { get; } = Text("--zero", "ZeRO stage 0-3 (plan: value or list)");

    public Option<string?> Recompute { get; } = Text("--recompute", "none, selective or full (plan: value or list)");

    public Option<string?> Tp { get; } = Text("--tp", "Tensor-parallel degree (plan: value or list, e.g. 4,8)");

    public Option<string?> Pp { get; } = Text("--pp", "Pipeline-parallel degree");

    public Option<string?> Dp { get; } = Text("--dp", "Data-parallel degree");

    public Option<string?> Cp { get; } = Text("--cp", "Context-parallel degree");

    public Option<string?> Ep { get; } = Text("--ep", "Expert-parallel degree");

    public Option<string?> Vp { get; } = Text("--vp", "Virtual pipeline stages per GPU (interleaving)");

    public Option<bool> Sp { get; } = new("--sp") { Description = "Use sequence parallelism" };

    public Option<bool> OverlapComm { get; } = new("--overlap-comm") { Description = "Overlap TP and EP communication with compute (Megatron-Core tp-comm-overlap, MoE all-to-all overlap)" };

    public Option<bool> NoSp { get; } = new("--no-sp") { Description = "Do not use sequence parallelism" };

    public Option<string?> Format { get; } = Text("--format", "table (default), markdown, json or csv");

    public Option<string?> Gpu { get; } = Text("--gpu", "GPU preset id for an ad-hoc cluster (e.g. h100-sxm)");

    public Option<string?> Gpus { get; } = Text("--gpus", "Number of GPUs");

    public Option<string?> GpusPerNode { get; } = Text("--gpus-per-node", "GPUs per NVLink domain");

    public Option<string?> Layers { get; } = Text("--layers", "Model: layers");

    public Option<string?> Hidden { get; } = Text("--hidden", "Model: hidden size");

    public Option<string?> Heads { get; } = Text("--heads", "Model: attention heads");

    public Option<string?> KvHeads { get; } = Text("--kv-heads", "Model: key/value heads");

    public Option<string?> HeadDim { get; } = Text("--head-dim", "Model: head dimension");

    public Option<string?> Ffn { get; } = Text("--ffn", "Model: FFN intermediate size");

    public Option<string?> Vocab { get; } = Text("--vocab", "Model: vocabulary size");

    public Option<string?> Experts { get; } = Text("--experts", "Model: routed experts");

    public Option<string?> ActiveExperts { get; } = Text("--active-experts", "Model: experts per token");

    public Option<string?> MoeFfn { get; } = Text("--moe-ffn", "Model: expert FFN size");

    public Option<string?> SharedExperts { get; } = Text("--shared-experts", "Model: shared experts");

    public Option<string?> DenseLayers { get; } = Text("--dense-layers", "Model: leading dense layers of an MoE model");

    public Option<bool> Tied { get; } = new("--tied") { Description = "Model: tie input and output embeddings" };

    public Option<string?> Activation { get; } = Text("--activation", "Model: swiglu, geglu, gelu, relu or squared-relu");

    /// <summary>Adds the model, cluster and training options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Cluster);
        foreach (Option option in All())
        {
            command.Add(option);
        }
    }

    private IEnumerable<Option> All() =>
    [
        Seq, Gbs, Mbs, Precision, GradDtype, CapacityFactor, Zero, Recompute, Tp, Pp, Dp, Cp, Ep, Vp, Sp, NoSp, OverlapComm, Format, Gpu, Gpus, GpusPerNode,
        Layers, Hidden, Heads, KvHeads, HeadDim, Ffn, Vocab, Experts, ActiveExperts, MoeFfn, SharedExperts, DenseLayers, Tied, Activation,
    ];

    private static Option<string?> Text(string name, string description) => new(name) { Description = description };
}
