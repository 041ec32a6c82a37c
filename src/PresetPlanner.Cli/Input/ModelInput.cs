using System.CommandLine;

namespace PresetPlanner.Cli.Input;

/// <summary>Resolves MODEL and the model flags into a <see cref="ModelSpec"/>: a preset, a preset with overrides, or 'custom'.</summary>
internal static class ModelInput
{
    public const string DefaultId = "llama-3.1-70b";

    public static (ModelSpec Model, string Name, string Id) Read(ParseResult pr, CliOptions o)
    {
        string id = (pr.GetValue(o.Model) ?? DefaultId).Trim().ToLowerInvariant();
        ModelSpec m;
        string name;
        if (id == "custom")
        {
            m = new ModelSpec { Activation = MlpActivation.SwiGlu, Norm = NormKind.RmsNorm, MoeLayerInterval = 1, MaxSequence = 131072 };
            name = "custom model";
            foreach ((Option<string?> flag, string text) in new[] { (o.Layers, "--layers"), (o.Hidden, "--hidden"), (o.Heads, "--heads"), (o.Ffn, "--ffn"), (o.Vocab, "--vocab") })
            {
                if (pr.GetValue(flag) is null)
                {
                    throw new UsageException($"a custom model needs {text} (and --layers --hidden --heads --ffn --vocab)");
                }
            }
        }
        else if (Presets.Models.TryGet(id, out m))
        {
            name = Presets.Models.InfoAt(Presets.Models.IndexOf(id)).Name;
        }
        else
        {
            throw Suggestions.Unknown("model", id, Presets.Models.Ids);
        }

        ModelSpec overridden = Override(pr, o, m);
        if (overridden != m && id != "custom")
        {
            name += " (modified)";
        }

        Check(overridden);
        return (overridden, name, id);
    }

    private static ModelSpec Override(ParseResult pr, CliOptions o, ModelSpec m)
    {
        int? Get(Option<string?> option, string flag, int min = 1) =>
            pr.GetValue(option) is string text ? (min == 0 ? Numbers.InRange(flag, text, 0, int.MaxValue) : Numbers.Positive(flag, text)) : null;

        int hidden = Get(o.Hidden, "--hidden") ?? m.Hidden;
        int heads = Get(o.Heads, "--heads") ?? m.Heads;
        int? headDim = Get(o.HeadDim, "--head-dim");
        bool shapeChanged = pr.GetValue(o.Hidden) is not null || pr.GetValue(o.Heads) is not null;
        int kv = Get(o.KvHeads, "--kv-heads") ?? (m.KvHeads == 0 ? heads : m.KvHeads);
        int experts = Get(o.Experts, "--experts", 0) ?? m.Experts;
        m = m with
        {
            Layers = Get(o.Layers, "--layers") ?? m.Layers,
            Hidden = hidden,
            Heads = heads,
            KvHeads = kv,
            HeadDim = headDim ?? (shapeChanged || m.HeadDim == 0 ? (heads > 0 && hidden % heads == 0 ? hidden / heads : 0) : m.HeadDim),
            FfnHidden = Get(o.Ffn, "--ffn") ?? m.FfnHidden,
            Vocab = Get(o.Vocab, "--vocab") ?? m.Vocab,
            Experts = experts,
            ActiveExperts = Get(o.ActiveExperts, "--active-experts") ?? (m.ActiveExperts == 0 && experts > 0 ? 2 : m.ActiveExperts),
            MoeFfnHidden = Get(o.MoeFfn, "--moe-ffn") ?? (m.MoeFfnHidden == 0 && experts > 0 ? m.FfnHidden : m.MoeFfnHidden),
            SharedExperts = Get(o.SharedExperts, "--shared-experts", 0) ?? m.SharedExperts,
            FirstDenseLayers = Get(o.DenseLayers, "--dense-layers", 0) ?? m.FirstDenseLayers,
            TiedEmbeddings = pr.GetValue(o.Tied) || m.TiedEmbeddings,
            Activation = pr.GetValue(o.Activation) is string a ? Activation(a) : m.Activation,
        };
        if (m.Attention != AttentionKind.Mla)
        {
            m = m with { Attention = m.KvHeads == m.Heads ? AttentionKind.Mha : m.KvHeads == 1 ? AttentionKind.Mqa : AttentionKind.Gqa };
        }

        return m.Experts == 0 ? m with { ActiveExperts = 0, MoeFfnHidden = 0, SharedExperts = 0, FirstDenseLayers = 0 } : m;
    }

    private static MlpActivation Activation(string text) => text.Trim().ToLowerInvariant() switch
    {
        "swiglu" => MlpActivation.SwiGlu,
        "geglu" => MlpActivation.GeGlu,
        "gelu" => MlpActivation.Gelu,
        "relu" => MlpActivation.Relu,
        "squared-relu" => MlpActivation.SquaredRelu,
        _ => throw new UsageException($"--activation: '{text}' is not one of swiglu, geglu, gelu, relu, squared-relu"),
    };

    private static void Check(in ModelSpec m)
    {
        if (m.HeadDim == 0)
        {
            throw new UsageException($"--heads {m.Heads} does not divide --hidden {m.Hidden}; give --head-dim");
        }

        if (m.KvHeads > m.Heads || m.Heads % m.KvHeads != 0)
        {
            throw new UsageException($"--kv-heads {m.KvHeads} does not divide --heads {m.Heads}");
        }

        if (m.IsMoe && m.ActiveExperts > m.Experts)
        {
            throw new UsageException($"--active-experts {m.ActiveExperts} exceeds --experts {m.Experts}");
        }

        if (m.IsMoe && m.FirstDenseLayers >= m.Layers)
        {
            throw new UsageException($"--dense-layers {m.FirstDenseLayers} leaves no MoE layer among {m.Layers} layers");
        }
    }
}
