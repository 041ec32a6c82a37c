using System;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Import.HuggingFace;

/// <summary>
/// The mapping from each supported transformers configuration class to <see cref="ModelSpec"/>. Field names and
/// defaults are those of the transformers configuration classes (src/transformers/models/&lt;name&gt;/configuration_&lt;name&gt;.py);
/// docs/import.md lists them per architecture.
/// </summary>
internal static class HuggingFaceArchitectures
{
    /// <summary>The model an architecture's fields describe.</summary>
    public static ModelSpec Read(string architecture, ConfigFields f) => architecture switch
    {
        // Llama-shaped: the same projections and gated MLP under other names (Phi-3 fuses q/k/v and gate/up, which
        // changes no count; OLMo 2 adds QK norms, 2 x head_dim parameters a layer, not counted; Granite scales
        // activations by fixed multipliers, which cost nothing).
        "LlamaForCausalLM" or "GraniteForCausalLM" => Llama(f),
        "Phi3ForCausalLM" => ConfigWindows.Phi3(Dense(f, tied: false), f),
        "Olmo2ForCausalLM" => Dense(f, tied: false),
        "MistralForCausalLM" => ConfigWindows.Mistral(Dense(f, tied: false), f),
        "Qwen2ForCausalLM" => ConfigWindows.Qwen(Dense(f, tied: false) with { QkvBias = true }, f),
        "Qwen3ForCausalLM" => ConfigWindows.Qwen(Dense(f, tied: false) with { QkvBias = f.Bool("attention_bias", false) }, f),
        "Gemma2ForCausalLM" => ConfigWindows.Gemma2(Gemma2(f), f),
        "Gemma3ForCausalLM" => Gemma3(f),
        "Gemma3ForConditionalGeneration" => Gemma3(TextConfig(f, architecture)),
        "Llama4ForCausalLM" => Llama4(f),
        "Llama4ForConditionalGeneration" => Llama4(TextConfig(f, architecture)),
        "MixtralForCausalLM" => Mixtral(f),
        "Qwen3MoeForCausalLM" => Qwen3Moe(f),
        "DeepseekV3ForCausalLM" or "DeepseekV2ForCausalLM" => DeepSeek(f),
        "FalconForCausalLM" or "RWForCausalLM" => Falcon(f),
        "GptOssForCausalLM" => ConfigWindows.GptOss(GptOss(f), f),
        "NemotronHForCausalLM" => NemotronH(f),
        _ => throw new PlanInputException(InputField.Config, "architectures",
            $"'{Clip(architecture)}' is not supported; supported: {string.Join(", ", HuggingFaceConfig.Architectures)}. "
            + "Describe it instead with --model-file (a model preset, presets/schema/model.schema.json) or 'custom' with --layers --hidden --heads --ffn --vocab"),
    };

    /// <summary>The config field behind a spec field, for messages (inside <c>text_config</c> for a multimodal wrapper).</summary>
    public static string FieldOf(SpecField field, string architecture) =>
        (IsWrapper(architecture) ? "text_config." : string.Empty) + TextFieldOf(field, architecture);

    private static bool IsWrapper(string architecture) => architecture is "Gemma3ForConditionalGeneration" or "Llama4ForConditionalGeneration";

    private static string TextFieldOf(SpecField field, string architecture) => field switch
    {
        SpecField.Layers when architecture == "RWForCausalLM" => "n_layer",
        SpecField.Heads when architecture == "RWForCausalLM" => "n_head",
        SpecField.KvHeads when architecture is "RWForCausalLM" or "FalconForCausalLM" => architecture == "RWForCausalLM" ? "n_head_kv" : "num_kv_heads",
        SpecField.FfnHidden when architecture is "RWForCausalLM" or "FalconForCausalLM" => "ffn_hidden_size",
        SpecField.Layers => "num_hidden_layers",
        SpecField.Hidden => "hidden_size",
        SpecField.Heads => "num_attention_heads",
        SpecField.KvHeads => "num_key_value_heads",
        SpecField.HeadDim => IsDeepSeek(architecture) ? "qk_nope_head_dim" : "head_dim",
        SpecField.FfnHidden => "intermediate_size",
        SpecField.Vocab => "vocab_size",
        SpecField.MaxSequence => "max_position_embeddings",
        SpecField.Experts => architecture switch
        {
            "Qwen3MoeForCausalLM" => "num_experts",
            "DeepseekV3ForCausalLM" or "DeepseekV2ForCausalLM" => "n_routed_experts",
            _ => "num_local_experts",
        },
        SpecField.ActiveExperts => "num_experts_per_tok",
        SpecField.MoeFfnHidden => architecture is "MixtralForCausalLM" or "GptOssForCausalLM" ? "intermediate_size" : "moe_intermediate_size",
        SpecField.SharedExperts => "n_shared_experts",
        SpecField.FirstDenseLayers => IsDeepSeek(architecture) ? "first_k_dense_replace" : "mlp_only_layers",
        SpecField.MoeLatentSize => "moe_latent_size",
        SpecField.HybridPattern => "hybrid_override_pattern",
        SpecField.MambaHeads => "mamba_num_heads",
        SpecField.MambaHeadDim => "mamba_head_dim",
        SpecField.MambaStateSize => "ssm_state_size",
        SpecField.MambaGroups => "n_groups",
        SpecField.MambaConvKernel => "conv_kernel",
        SpecField.MambaChunkSize => "chunk_size",
        SpecField.AttentionWindow => architecture.StartsWith("Llama4", StringComparison.Ordinal) ? "attention_chunk_size" : "sliding_window",
        SpecField.GlobalAttentionInterval => architecture.StartsWith("Llama4", StringComparison.Ordinal) ? "no_rope_layers" : "layer_types",
        _ => field.ToString(),
    };

    private static bool IsDeepSeek(string architecture) => architecture is "DeepseekV3ForCausalLM" or "DeepseekV2ForCausalLM";

    // FalconConfig (transformers models/falcon/configuration_falcon.py), and the RWConfig of the original tiiuae uploads
    // (n_layer, n_head, n_head_kv): a non-gated GELU MLP of ffn_hidden_size (default 4h), LayerNorm, rotary positions
    // unless alibi, biases when bias, tied embeddings by default. K/V heads: num_kv_heads with new_decoder_architecture
    // (Falcon-40B and 180B; RWConfig's n_head_kv), one with multi_query (Falcon-7B), else the heads. Its parallel
    // attention and MLP (parallel_attn) share one input norm, which changes no matmul.
    private static ModelSpec Falcon(ConfigFields f)
    {
        bool rw = f.Text("model_type") == "RefinedWeb" || f.OptionalInt("n_layer") is not null;
        int hidden = f.Int("hidden_size");
        int heads = rw ? f.Int("n_head") : f.Int("num_attention_heads");
        int? grouped = rw ? f.OptionalInt("n_head_kv") : f.Bool("new_decoder_architecture", false) ? f.Int("num_kv_heads") : null;
        int kv = grouped ?? (f.Bool("multi_query", true) ? 1 : heads);
        if (f.Bool("alibi", false))
        {
            throw new PlanInputException(InputField.Config, "alibi", "is true; a Falcon with ALiBi attention biases is not read (the published Falcon models use rotary positions)");
        }

        return new ModelSpec
        {
            Layers = rw ? f.Int("n_layer") : f.Int("num_hidden_layers"),
            Hidden = hidden,
            Heads = heads,
            KvHeads = kv,
            HeadDim = heads > 0 ? hidden / heads : 0,
            FfnHidden = f.OptionalInt("ffn_hidden_size") ?? (4 * hidden),
            Vocab = f.Int("vocab_size"),
            MaxSequence = f.Int("max_position_embeddings", 2048),
            Activation = MlpActivation.Gelu,
            Attention = AttentionOf(heads, kv),
            Norm = NormKind.LayerNorm,
            Positions = PositionEmbedding.Rope,
            TiedEmbeddings = f.Bool("tie_word_embeddings", true),
            LinearBias = f.Bool("bias", false),
            MoeLayerInterval = 1,
        };
    }

    // LlamaConfig: attention_bias puts biases on q, k, v and o; mlp_bias on the MLP's projections.
    private static ModelSpec Llama(ConfigFields f)
    {
        ModelSpec m = Dense(f, tied: false);
        return f.Bool("mlp_bias", false) ? m with { LinearBias = true } : m with { QkvBias = f.Bool("attention_bias", false) };
    }

    // The fields every supported class shares (LlamaConfig's names); head_dim defaults to hidden / heads, and the
    // gated MLP is GeGLU for a gelu activation, SwiGLU otherwise (silu).
    private static ModelSpec Dense(ConfigFields f, bool tied, string activationField = "hidden_act", DenseDefaults? defaults = null)
    {
        DenseDefaults d = defaults ?? new DenseDefaults("silu", Vocab: null, HeadDim: null, Positions: 4096);
        int hidden = f.Int("hidden_size");
        int heads = f.Int("num_attention_heads");
        int kv = f.Int("num_key_value_heads", heads);
        int headDim = f.OptionalInt("head_dim") ?? d.HeadDim ?? (heads > 0 ? hidden / heads : 0);
        string activation = f.Text(activationField) ?? d.Activation;
        return new ModelSpec
        {
            Layers = f.Int("num_hidden_layers"),
            Hidden = hidden,
            Heads = heads,
            KvHeads = kv,
            HeadDim = headDim,
            FfnHidden = f.Int("intermediate_size"),
            Vocab = d.Vocab is int vocab ? f.Int("vocab_size", vocab) : f.Int("vocab_size"),
            MaxSequence = f.Int("max_position_embeddings", d.Positions),
            Activation = activation.StartsWith("gelu", StringComparison.Ordinal) ? MlpActivation.GeGlu : MlpActivation.SwiGlu,
            Attention = AttentionOf(heads, kv),
            Norm = NormKind.RmsNorm,
            Positions = PositionEmbedding.Rope,
            TiedEmbeddings = f.Bool("tie_word_embeddings", tied),
            MoeLayerInterval = 1,
        };
    }

    // Gemma2Config: hidden_activation (gelu_pytorch_tanh, a gated GeGLU), tied embeddings by default. Its two extra
    // norms per layer (pre/post feed-forward) are 2h parameters a layer and not counted.
    private static ModelSpec Gemma2(ConfigFields f) => Dense(f, tied: true, activationField: "hidden_activation");

    // Gemma3TextConfig (transformers models/gemma3/configuration_gemma3.py): Gemma 2's shape (hidden_activation
    // gelu_pytorch_tanh, a gated GeGLU; tied embeddings) with QK norms, 2 x head_dim parameters a layer, not counted;
    // five local layers of six (ConfigWindows.Gemma3). Where a config leaves a field out, transformers' default: vocab
    // 262,208, 131,072 positions.
    private static ModelSpec Gemma3(ConfigFields f) => ConfigWindows.Gemma3(
        Dense(f, tied: true, activationField: "hidden_activation", defaults: new DenseDefaults("gelu_pytorch_tanh", Vocab: 262_208, HeadDim: 256, Positions: 131_072)),
        f);

    // Llama4TextConfig (transformers models/llama4/configuration_llama4.py): routed experts of intermediate_size with one
    // shared expert of the same width in each MoE layer (Llama4TextMoe), every interleave_moe_layer_step-th layer MoE and
    // the others a dense MLP of intermediate_size_mlp; QK norms without parameters; chunked attention on the layers with
    // rotary positions (ConfigWindows.Llama4). A moe_layers list other than that pattern is refused.
    private static ModelSpec Llama4(ConfigFields f)
    {
        ModelSpec m = Dense(f, tied: false);
        int step = f.Int("interleave_moe_layer_step", 1);
        int[] moeLayers = f.Ints("moe_layers");
        for (int i = 0; i < moeLayers.Length; i++)
        {
            if (step < 1 || moeLayers[i] != ((i + 1) * step) - 1)
            {
                throw new PlanInputException(InputField.Config, "moe_layers", "is not every interleave_moe_layer_step-th layer, the pattern the cost model places. " + ConfigWindows.WayAround);
            }
        }

        int expert = f.Int("intermediate_size");
        m = m with
        {
            FfnHidden = f.Int("intermediate_size_mlp", expert),
            Experts = f.Int("num_local_experts"),
            ActiveExperts = f.Int("num_experts_per_tok", 1),
            MoeFfnHidden = expert,
            SharedExperts = 1,
            SharedExpertFfnHidden = expert,
            MoeLayerInterval = Math.Max(1, step),
        };
        return ConfigWindows.Llama4(m, f);
    }

    // A multimodal wrapper's language model: its text_config (the vision tower is not trained by the layouts planned
    // here, and is not counted).
    private static ConfigFields TextConfig(ConfigFields f, string architecture) => f.Nested("text_config")
        ?? throw new PlanInputException(InputField.Config, "text_config", $"is missing; {architecture} keeps its language model's fields there");

    // MixtralConfig: every layer is MoE; intermediate_size is each expert's.
    private static ModelSpec Mixtral(ConfigFields f)
    {
        ModelSpec m = Dense(f, tied: false);
        return m with { Experts = f.Int("num_local_experts"), ActiveExperts = f.Int("num_experts_per_tok"), MoeFfnHidden = m.FfnHidden };
    }

    // GptOssConfig: biases on attention and experts; intermediate_size is each expert's.
    private static ModelSpec GptOss(ConfigFields f)
    {
        ModelSpec m = Dense(f, tied: false) with { LinearBias = true };
        int active = f.OptionalInt("num_experts_per_tok") ?? f.Int("experts_per_token");
        return m with { Experts = f.Int("num_local_experts"), ActiveExperts = active, MoeFfnHidden = m.FfnHidden };
    }

    // Qwen3MoeConfig: layer i is sparse when (i + 1) % decoder_sparse_step == 0 and i is not in mlp_only_layers;
    // the cost model takes mlp_only_layers only as a run of leading layers.
    private static ModelSpec Qwen3Moe(ConfigFields f)
    {
        ModelSpec m = Dense(f, tied: false) with { QkvBias = f.Bool("attention_bias", false) };
        int[] mlpOnly = f.Ints("mlp_only_layers");
        for (int i = 0; i < mlpOnly.Length; i++)
        {
            if (mlpOnly[i] != i)
            {
                throw new PlanInputException(InputField.Config, "mlp_only_layers", "lists layers other than a run of leading layers (0, 1, ...), which the cost model cannot place");
            }
        }

        int step = f.Int("decoder_sparse_step", 1);
        if (mlpOnly.Length > 0 && step > 1)
        {
            throw new PlanInputException(InputField.Config, "mlp_only_layers", "together with decoder_sparse_step above 1 is not modelled");
        }

        return m with
        {
            Experts = f.Int("num_experts"),
            ActiveExperts = f.Int("num_experts_per_tok"),
            MoeFfnHidden = f.Int("moe_intermediate_size"),
            MoeLayerInterval = Math.Max(1, step),
            FirstDenseLayers = mlpOnly.Length,
        };
    }

    // DeepseekV3Config and DeepseekV2Config (the same names; V2-Lite's q_lora_rank is null: queries uncompressed): MLA (q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim), shared
    // experts of moe_intermediate_size each (SharedExpertFfnHidden 0 means the routed size), dense layers before first_k_dense_replace. The multi-token-prediction
    // module (num_nextn_predict_layers) is not a decoder layer and is not counted, as in DeepSeek's 671B.
    private static ModelSpec DeepSeek(ConfigFields f)
    {
        if (f.Int("moe_layer_freq", 1) != 1)
        {
            throw new PlanInputException(InputField.Config, "moe_layer_freq", "above 1 is not modelled (DeepSeek-V3 and Kimi K2 use 1)");
        }

        ModelSpec m = Dense(f, tied: false);
        return m with
        {
            Attention = AttentionKind.Mla,
            HeadDim = f.Int("qk_nope_head_dim"),
            QLoraRank = f.Int("q_lora_rank", 0),
            KvLoraRank = f.Int("kv_lora_rank"),
            QkRopeHeadDim = f.Int("qk_rope_head_dim"),
            VHeadDim = f.Int("v_head_dim"),
            Experts = f.Int("n_routed_experts"),
            ActiveExperts = f.Int("num_experts_per_tok"),
            MoeFfnHidden = f.Int("moe_intermediate_size"),
            SharedExperts = f.Int("n_shared_experts", 0),
            FirstDenseLayers = f.Int("first_k_dense_replace", 0),
        };
    }

    // NemotronHConfig (transformers models/nemotron_h/configuration_nemotron_h.py; Nemotron-H, Nemotron 3): the layers
    // are hybrid_override_pattern's symbols, the MLP is non-gated squared ReLU (mlp_hidden_act relu2), the Mamba-2
    // mixer's inner width is mamba_num_heads x mamba_head_dim (as the modelling code builds it, whatever expand says).
    // Its MoE layers (Nemotron 3) read n_routed_experts, num_experts_per_tok, moe_intermediate_size and
    // moe_shared_expert_intermediate_size, and LatentMoE's moe_latent_size (Nemotron 3 Super and Ultra). The
    // multi-token-prediction layers (num_nextn_predict_layers) are not decoder layers and are not counted.
    private static ModelSpec NemotronH(ConfigFields f)
    {
        string pattern = f.Text("hybrid_override_pattern") ?? throw new PlanInputException(InputField.Config, "hybrid_override_pattern",
            "is missing (a layers_block_type list, as Nemotron 3 Ultra's config has, is not read)");
        if (!HybridLayers.TryCount(pattern, out HybridLayers layers, out string problem))
        {
            throw new PlanInputException(InputField.Config, "hybrid_override_pattern", $"is {problem} but must be {HybridLayers.PatternRule}");
        }

        ModelSpec m = Dense(f, tied: false);
        string activation = f.Text("mlp_hidden_act") ?? "relu2";
        int experts = layers.Moe > 0 ? f.Int("n_routed_experts") : 0;
        int sharedFfn = layers.Moe > 0 ? f.Int("moe_shared_expert_intermediate_size", 0) : 0;
        return m with
        {
            HeadDim = f.OptionalInt("head_dim") ?? f.OptionalInt("attention_head_dim") ?? m.HeadDim,
            Activation = activation switch
            {
                "relu2" => MlpActivation.SquaredRelu,
                "relu" => MlpActivation.Relu,
                _ when activation.StartsWith("gelu", StringComparison.Ordinal) => MlpActivation.Gelu,
                _ => throw new PlanInputException(InputField.Config, "mlp_hidden_act", $"is '{Clip(activation)}'; a NemotronH MLP is relu2, relu or gelu (non-gated)"),
            },
            Experts = experts,
            ActiveExperts = layers.Moe > 0 ? f.Int("num_experts_per_tok") : 0,
            MoeFfnHidden = layers.Moe > 0 ? f.Int("moe_intermediate_size") : 0,
            SharedExperts = sharedFfn > 0 ? f.Int("n_shared_experts", 1) : 0,
            SharedExpertFfnHidden = sharedFfn,
            MoeLatentSize = layers.Moe > 0 ? f.Int("moe_latent_size", 0) : 0,
            Hybrid = layers,
            Mamba = layers.Mamba == 0 ? default : new MambaShape
            {
                Heads = f.Int("mamba_num_heads"),
                HeadDim = f.Int("mamba_head_dim"),
                StateSize = f.Int("ssm_state_size"),
                Groups = f.Int("n_groups", 1),
                ConvKernel = f.Int("conv_kernel", 4),
                ChunkSize = f.Int("chunk_size", 128),
            },
        };
    }

    // What a configuration class fills in for the fields a config leaves out (its constructor's defaults).
    private readonly record struct DenseDefaults(string Activation, int? Vocab, int? HeadDim, int Positions);

    // Multi-head with as many K/V heads as query heads, multi-query with one, grouped-query between.
    private static AttentionKind AttentionOf(int heads, int kv) => kv == heads ? AttentionKind.Mha : kv == 1 ? AttentionKind.Mqa : AttentionKind.Gqa;

    /// <summary>Text from the file as printed: control characters replaced, at most 60 characters.</summary>
    public static string Clip(string text)
    {
        string clean = string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
        return clean.Length > 60 ? clean[..60] + "..." : clean;
    }
}
