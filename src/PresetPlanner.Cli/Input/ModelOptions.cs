using System.CommandLine;
using PresetPlanner.Import.HuggingFace;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Cli.Input;

/// <summary>MODEL and the model flags: a preset, a preset with overrides, or 'custom'; checked by the core's validator.</summary>
internal sealed class ModelOptions
{
    public const string DefaultId = "llama-3.1-70b";

    public Argument<string?> Model { get; } = Options.Completing(new Argument<string?>("MODEL") { Arity = ArgumentArity.ZeroOrOne, Description = $"Model preset id (default {DefaultId}), a Hugging Face config.json path, or 'custom' with --layers --hidden --heads --ffn --vocab" }, [.. Presets.Models.Ids.ToArray(), "custom"]);

    public Option<string?> Layers { get; } = Options.Text("--layers", "Model: layers");

    public Option<string?> Hidden { get; } = Options.Text("--hidden", "Model: hidden size");

    public Option<string?> Heads { get; } = Options.Text("--heads", "Model: attention heads");

    public Option<string?> KvHeads { get; } = Options.Text("--kv-heads", "Model: key/value heads");

    public Option<string?> HeadDim { get; } = Options.Text("--head-dim", "Model: head dimension (default hidden / heads)");

    public Option<string?> Ffn { get; } = Options.Text("--ffn", "Model: FFN intermediate size");

    public Option<string?> Vocab { get; } = Options.Text("--vocab", "Model: vocabulary size");

    public Option<string?> Experts { get; } = Options.Text("--experts", "Model: routed experts (MoE; needs --active-experts and --moe-ffn)");

    public Option<string?> ActiveExperts { get; } = Options.Text("--active-experts", "Model: experts per token");

    public Option<string?> MoeFfn { get; } = Options.Text("--moe-ffn", "Model: expert FFN size");

    public Option<string?> SharedExperts { get; } = Options.Text("--shared-experts", "Model: shared experts");

    public Option<string?> DenseLayers { get; } = Options.Text("--dense-layers", "Model: leading dense layers of an MoE model");

    /// <summary>The command's CLUSTER argument, when it has one (set by <see cref="ClusterOptions"/>).</summary>
    public Argument<string?>? ClusterArgument { get; set; }

    /// <summary>Whether the MODEL slot holds the cluster: <c>--model-file</c> is given and CLUSTER is not.</summary>
    public bool ShiftsToCluster(ParseResult pr) =>
        pr.GetValue(ModelFile) is not null && pr.GetValue(Model) is not null && ClusterArgument is not null && pr.GetValue(ClusterArgument) is null;

    public Option<string?> ModelFile { get; } = Options.Text("--model-file", "A model preset JSON (the schema of presets/models), checked by the build's rules, instead of MODEL");

    public Option<bool> Tied { get; } = new("--tied") { Description = "Model: tie input and output embeddings" };

    public Option<string?> Activation { get; } = Options.Choice<MlpActivation>("--activation", "Model: " + string.Join(", ", Spelling.All<MlpActivation>()));

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(ModelFile);
        foreach (Option option in new Option[] { Layers, Hidden, Heads, KvHeads, HeadDim, Ffn, Vocab, Experts, ActiveExperts, MoeFfn, SharedExperts, DenseLayers, Tied, Activation })
        {
            command.Add(option);
        }
    }

    public ModelPreset Read(ParseResult pr)
    {
        string raw = (pr.GetValue(Model) ?? DefaultId).Trim();
        string id = raw.ToLowerInvariant();
        ModelPreset preset;
        if (pr.GetValue(ModelFile) is string file)
        {
            preset = pr.GetValue(Model) is null || ShiftsToCluster(pr) ? PresetFiles.Model("--model-file", file) : throw new UsageException("give MODEL or --model-file, not both");
        }
        else if (InputFile.LooksLikePath(raw))
        {
            string text = InputFile.Read("MODEL", raw);
            string folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(raw))) ?? "config";
            string name = Path.GetFileNameWithoutExtension(raw);
            try
            {
                preset = HuggingFaceConfig.Parse(text, name == "config" && folder.Length > 0 ? folder : name, raw);
            }
            catch (PlanInputException ex) when (ex.Input == InputField.Config)
            {
                // The error names the file given, not "config.json" whatever it was called (CliOutput.Fail makes it one safe line).
                throw new UsageException(raw + (string.IsNullOrEmpty(ex.Key) ? " " : ": " + ex.Key + " ") + ex.Rule);
            }
        }
        else if (id == "custom")
        {
            foreach ((Option<string?> flag, string name) in new[] { (Layers, "--layers"), (Hidden, "--hidden"), (Heads, "--heads"), (Ffn, "--ffn"), (Vocab, "--vocab") })
            {
                if (pr.GetValue(flag) is null)
                {
                    throw new UsageException($"a custom model needs {name} (and --layers --hidden --heads --ffn --vocab)");
                }
            }

            preset = new ModelPreset(
                new PresetInfo("custom", "custom model", "stated on the command line"),
                new ModelSpec { Activation = MlpActivation.SwiGlu, Norm = NormKind.RmsNorm, MoeLayerInterval = 1, MaxSequence = 131072 });
        }
        else if (!Presets.Models.TryGet(id, out preset))
        {
            throw Suggestions.Unknown("model", id, Presets.Models.Ids);
        }

        ModelSpec spec = Override(pr, preset.Spec);
        Check(spec);
        PresetInfo info = preset.Info;
        if (spec != preset.Spec && id != "custom" && !InputFile.LooksLikePath(raw) && pr.GetValue(ModelFile) is null)
        {
            info = new PresetInfo(info.Id, info.Name + " (modified)", info.Source + "; modified on the command line");
        }

        return new ModelPreset(info, spec);
    }

    private ModelSpec Override(ParseResult pr, ModelSpec m)
    {
        int? Get(Option<string?> option, string flag) => pr.GetValue(option) is string text ? Numbers.Integer(flag, text) : null;

        int hidden = Get(Hidden, "--hidden") ?? m.Hidden;
        int heads = Get(Heads, "--heads") ?? m.Heads;
        bool shapeChanged = pr.GetValue(Hidden) is not null || pr.GetValue(Heads) is not null;
        int? experts = Get(Experts, "--experts");
        bool newMoe = experts is > 0 && m.Experts == 0;
        if (pr.GetValue(Experts) is null && m.Experts == 0 && (pr.GetValue(ActiveExperts) ?? pr.GetValue(MoeFfn) ?? pr.GetValue(SharedExperts) ?? pr.GetValue(DenseLayers)) is not null)
        {
            throw new UsageException("--active-experts, --moe-ffn, --shared-experts and --dense-layers describe experts: give --experts too");
        }

        if (newMoe && (pr.GetValue(ActiveExperts) is null || pr.GetValue(MoeFfn) is null))
        {
            throw new UsageException("--experts on a dense model needs --active-experts (router top-k) and --moe-ffn (each expert's FFN size)");
        }

        int headDim = Get(HeadDim, "--head-dim") ?? (shapeChanged || m.HeadDim == 0 ? (heads > 0 && hidden % heads == 0 ? hidden / heads : 0) : m.HeadDim);
        if (headDim == 0)
        {
            throw new UsageException($"--heads {heads} does not divide --hidden {hidden}; give --head-dim");
        }

        int kv = Get(KvHeads, "--kv-heads") ?? (m.KvHeads == 0 || (pr.GetValue(Heads) is not null && m.KvHeads == m.Heads) ? heads : m.KvHeads);
        m = m with
        {
            Layers = Get(Layers, "--layers") ?? m.Layers,
            Hidden = hidden,
            Heads = heads,
            KvHeads = kv,
            HeadDim = headDim,
            FfnHidden = Get(Ffn, "--ffn") ?? m.FfnHidden,
            Vocab = Get(Vocab, "--vocab") ?? m.Vocab,
            Experts = experts ?? m.Experts,
            ActiveExperts = Get(ActiveExperts, "--active-experts") ?? m.ActiveExperts,
            MoeFfnHidden = Get(MoeFfn, "--moe-ffn") ?? m.MoeFfnHidden,
            SharedExperts = Get(SharedExperts, "--shared-experts") ?? m.SharedExperts,
            FirstDenseLayers = Get(DenseLayers, "--dense-layers") ?? m.FirstDenseLayers,
            TiedEmbeddings = pr.GetValue(Tied) || m.TiedEmbeddings,
            Activation = pr.GetValue(Activation) is string a ? Options.Parse<MlpActivation>("--activation", a, Spelling.TryParse) : m.Activation,
        };
        if (m.Attention != AttentionKind.Mla)
        {
            m = m with { Attention = m.KvHeads == m.Heads ? AttentionKind.Mha : m.KvHeads == 1 ? AttentionKind.Mqa : AttentionKind.Gqa };
        }

        // --experts 0 turns an MoE preset dense.
        return m.Experts == 0 ? m with { ActiveExperts = 0, MoeFfnHidden = 0, SharedExperts = 0, SharedExpertFfnHidden = 0, FirstDenseLayers = 0 } : m;
    }

    // The core's own rules (SpecValidator), reported with the flag that set the field.
    private static void Check(in ModelSpec m)
    {
        var problems = new List<SpecProblem>();
        SpecValidator.Check(m, problems);
        foreach (SpecProblem p in problems.Where(p => p.IsError))
        {
            throw Flags.Usage(p, Flags.Of(p.Field) ?? PlanInputException.NameOf(InputField.Model, p.Field, null));
        }
    }
}
