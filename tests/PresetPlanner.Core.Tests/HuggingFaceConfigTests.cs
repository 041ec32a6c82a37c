namespace PresetPlanner.Core.Tests;

/// <summary>Hugging Face config.json files read at run time: model-card parameter counts, the compiled presets' shapes, and every bad input named.</summary>
public class HuggingFaceConfigTests
{
    private static ModelPreset Read(string file)
    {
        string path = Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", file);
        return HuggingFaceConfig.Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(file), path);
    }

    // Model cards: Llama-3.1-8B 8.03B, Mixtral-8x7B 46.7B, Qwen3-30B-A3B 30.5B, Mistral-7B 7.24B, Qwen2.5-7B 7.61B,
    // Qwen3-8B 8.2B, gpt-oss-20b 20.9B, Gemma-2-9B 9.24B (gemma-2-9b's safetensors: 9,241,705,984), DeepSeek-V3 671B.
    [Theory]
    [InlineData("llama-3.1-8b.json", 8.03e9, "8.03B")]
    [InlineData("mixtral-8x7b.json", 46.7e9, "46.7B")]
    [InlineData("qwen3-30b-a3b.json", 30.5e9, "30.5B")]
    [InlineData("mistral-7b.json", 7.24e9, "7.24B")]
    [InlineData("qwen2.5-7b.json", 7.61e9, "7.62B")]
    [InlineData("qwen3-8b.json", 8.19e9, "8.19B")]
    [InlineData("gpt-oss-20b.json", 20.9e9, "20.9B")]
    [InlineData("gemma-2-9b.json", 9.24e9, "9.24B")]
    [InlineData("deepseek-v3.json", 671e9, "671B")]
    public void Parse_PublishedConfig_CountsTheModelCardsParameters(string file, double card, string printed)
    {
        ModelSpec m = Read(file).Spec;
        Assert.InRange(m.TotalParameters, card * 0.995, card * 1.005);
        Assert.Equal(printed, Units.Parameters(m.TotalParameters));
    }

    // Llama-shaped architectures (issue 33 item 4), against their model cards' rounded counts: Phi-3-mini 3.8B
    // (microsoft/Phi-3-mini-4k-instruct), OLMo 2 7B 7.3B (allenai/OLMo-2-1124-7B), Granite 3.0 8B 8.1B
    // (ibm-granite/granite-3.0-8b-base; the fixture is the instruct model's config, the same shape); within 3%, the cards' rounding.
    [Theory]
    [InlineData("phi-3-mini-4k.json", 3.8e9)]
    [InlineData("olmo-2-1124-7b.json", 7.3e9)]
    [InlineData("granite-3.0-8b.json", 8.1e9)]
    public void Parse_LlamaShapedArchitecture_CountsTheModelCardsParameters(string file, double card)
    {
        ModelSpec m = Read(file).Spec;

        Assert.InRange(m.TotalParameters, card * 0.97, card * 1.03);
        Assert.Equal(MlpActivation.SwiGlu, m.Activation);
    }

    [Fact]
    public void Parse_UnsupportedArchitecture_SaysHowToDescribeItInstead()
    {
        PlanInputException ex = Assert.Throws<PlanInputException>(() =>
            HuggingFaceConfig.Parse("{\"architectures\": [\"BloomForCausalLM\"]}", "bloom", "bloom.json"));

        Assert.Contains("'BloomForCausalLM' is not supported", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--model-file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'custom' with --layers --hidden --heads --ffn --vocab", ex.Message, StringComparison.Ordinal);
    }

    // Gemma 3 (a text-only 1B and the 27B multimodal wrapper, whose text_config leaves vocab_size, the window pattern and
    // the activation at transformers' defaults) and Llama 4 Scout (text_config), against their cards: Gemma 3 1B 1.0B,
    // 27B 27B (the language model; the card's 27.4B adds a 0.4B vision tower, which is not counted), Llama 4 Scout 109B;
    // within 3%, the cards' rounding. Their local layers: five of six within 512 or 1,024 tokens, three of four in
    // 8,192-token chunks.
    [Theory]
    [InlineData("gemma-3-1b.json", 1.0e9, 512, false, 6)]
    [InlineData("gemma-3-27b.json", 27e9, 1024, false, 6)]
    [InlineData("llama-4-scout.json", 109e9, 8192, true, 4)]
    public void Parse_WindowedArchitecture_CountsTheCardsParametersAndReadsItsWindow(string file, double card, int window, bool chunked, int globalEvery)
    {
        ModelSpec m = Read(file).Spec;

        Assert.InRange(m.TotalParameters, card * 0.97, card * 1.03);
        Assert.Equal((window, chunked, globalEvery), (m.AttentionWindow, m.ChunkedAttention, m.GlobalAttentionInterval));
    }

    // Local attention as each class states it (docs/import.md): gpt-oss's layer_types alternate a 128-token window and
    // global layers, Gemma 2 windows every other layer by default, Mistral 7B v0.1 and Phi-3-mini-4k (2,047) every layer; a null window (Mixtral)
    // or use_sliding_window false (Qwen2.5) is none.
    [Theory]
    [InlineData("gpt-oss-20b.json", 128, 2)]
    [InlineData("gemma-2-9b.json", 4096, 2)]
    [InlineData("mistral-7b.json", 4096, 0)]
    [InlineData("phi-3-mini-4k.json", 2047, 0)]
    [InlineData("mixtral-8x7b.json", 0, 0)]
    [InlineData("qwen2.5-7b.json", 0, 0)]
    public void Parse_SlidingWindow_ReadsTheWindowAndItsGlobalLayers(string file, int window, int globalEvery)
    {
        ModelSpec m = Read(file).Spec;
        Assert.Equal(window, m.AttentionWindow);
        Assert.Equal(globalEvery, m.GlobalAttentionInterval);
        Assert.False(m.ChunkedAttention);
    }

    [Theory]
    [InlineData("\"layer_types\": [\"sliding_attention\", \"full_attention\", \"full_attention\", \"sliding_attention\"]", "layer_types", "not a regular pattern")]
    [InlineData("\"layer_types\": [\"sliding_attention\", \"linear_attention\"]", "layer_types", "'linear_attention'")]
    public void Parse_WindowTheCostModelCannotPlace_NamesTheFieldAndTheWayAround(string fields, string field, string what)
    {
        string json = "{\"architectures\": [\"GptOssForCausalLM\"], \"hidden_size\": 2880, \"num_hidden_layers\": 4, \"num_attention_heads\": 64, \"num_key_value_heads\": 8, \"head_dim\": 64, "
            + "\"intermediate_size\": 2880, \"vocab_size\": 201088, \"num_local_experts\": 32, \"num_experts_per_tok\": 4, \"sliding_window\": 128, " + fields + "}";
        PlanInputException ex = Assert.Throws<PlanInputException>(() => HuggingFaceConfig.Parse(json, "m", "m.json"));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--model-file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QwenWithItsWindowOn_IsRefusedByName()
    {
        string json = File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", "qwen2.5-7b.json"))
            .Replace("\"use_sliding_window\": false", "\"use_sliding_window\": true", StringComparison.Ordinal);
        PlanInputException ex = Assert.Throws<PlanInputException>(() => HuggingFaceConfig.Parse(json, "q", "q.json"));
        Assert.Contains("use_sliding_window", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Llama4TextConfig_ChunksThreeLayersOfFour_FromNoRopeLayers()
    {
        // A multimodal wrapper's text_config; no_rope_layers marks the chunked (rotary) layers 1 and the global NoPE ones 0.
        string json = "{\"architectures\": [\"Llama4ForConditionalGeneration\"], \"text_config\": {\"hidden_size\": 5120, \"num_hidden_layers\": 8, "
            + "\"num_attention_heads\": 40, \"num_key_value_heads\": 8, \"head_dim\": 128, \"intermediate_size\": 8192, \"intermediate_size_mlp\": 16384, "
            + "\"vocab_size\": 202048, \"num_local_experts\": 16, \"num_experts_per_tok\": 1, \"interleave_moe_layer_step\": 1, "
            + "\"attention_chunk_size\": 8192, \"no_rope_layers\": [1, 1, 1, 0, 1, 1, 1, 0]}}";
        ModelSpec m = HuggingFaceConfig.Parse(json, "l4", "l4.json").Spec;
        Assert.Equal((8192, true, 4), (m.AttentionWindow, m.ChunkedAttention, m.GlobalAttentionInterval));
        Assert.Equal((16, 1, 8192, 1, 8192), (m.Experts, m.ActiveExperts, m.MoeFfnHidden, m.SharedExperts, m.SharedExpertFfnHidden));

        PlanInputException missing = Assert.Throws<PlanInputException>(() => HuggingFaceConfig.Parse(json.Replace("\"hidden_size\": 5120, ", string.Empty, StringComparison.Ordinal), "l4", "l4.json"));
        Assert.Contains("text_config.hidden_size", missing.Message, StringComparison.Ordinal);
    }

    // DeepSeek-V2-Lite (DeepseekV2ForCausalLM, issue 33 item 4): MLA without query compression (q_lora_rank null), 64
    // routed experts, 6 active, 2 shared, one leading dense layer; the card's 15.7B total (HF: 15.7B params).
    [Fact]
    public void Parse_DeepSeekV2Lite_CountsItsCardsParameters()
    {
        ModelSpec m = Read("deepseek-v2-lite.json").Spec;

        Assert.InRange(m.TotalParameters, 15.7e9 * 0.97, 15.7e9 * 1.03);
        Assert.Equal(AttentionKind.Mla, m.Attention);
        Assert.Equal(0, m.QLoraRank);
        Assert.Equal((64, 6, 2, 1), (m.Experts, m.ActiveExperts, m.SharedExperts, m.FirstDenseLayers));
    }

    // Falcon-40B's original upload (RWForCausalLM, RWConfig's n_layer, n_head, n_head_kv; the verbatim file of the hub's
    // first revision): 8 K/V groups, a non-gated GELU MLP of 4h, LayerNorm, tied embeddings. 60 x 679.5M + 0.53B =
    // 41.3B; the card calls it "40B" (a name: the hub's safetensors count, with the head stored apart, is 41.8B).
    [Fact]
    public void Parse_Falcon40B_ReadsItsOriginalConfig()
    {
        ModelSpec m = Read("falcon-40b.json").Spec;

        Assert.Equal((60, 8192, 128, 8, 32768), (m.Layers, m.Hidden, m.Heads, m.KvHeads, m.FfnHidden));
        Assert.Equal((MlpActivation.Gelu, NormKind.LayerNorm, AttentionKind.Gqa), (m.Activation, m.Norm, m.Attention));
        Assert.InRange(m.TotalParameters, 41.2e9, 41.4e9);

        // The later FalconConfig names: num_kv_heads with new_decoder_architecture, multi_query otherwise.
        string falcon = "{\"architectures\":[\"FalconForCausalLM\"],\"hidden_size\":4544,\"num_hidden_layers\":32,\"num_attention_heads\":71,\"multi_query\":true,\"vocab_size\":65024}";
        Assert.Equal(1, HuggingFaceConfig.Parse(falcon, "falcon-7b", "f.json").Spec.KvHeads);
        PlanInputException alibi = Assert.Throws<PlanInputException>(() => HuggingFaceConfig.Parse(falcon.Replace("\"vocab_size\"", "\"alibi\":true,\"vocab_size\"", StringComparison.Ordinal), "f", "f.json"));
        Assert.Contains("alibi", alibi.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("llama-3.1-8b.json", "llama-3.1-8b")]
    [InlineData("mixtral-8x7b.json", "mixtral-8x7b")]
    [InlineData("qwen3-30b-a3b.json", "qwen3-30b-a3b")]
    [InlineData("deepseek-v3.json", "deepseek-v3")]
    [InlineData("mistral-7b.json", "mistral-7b")]
    [InlineData("llama-4-scout.json", "llama-4-scout")]
    public void Parse_ConfigOfACompiledPreset_HasThePresetsShape(string file, string presetId)
    {
        Assert.True(Presets.Models.TryGet(presetId, out ModelPreset preset));
        ModelSpec read = Read(file).Spec;
        ModelSpec compiled = preset.Spec with { StatedParameters = 0, MaxSequence = read.MaxSequence };
        Assert.Equal(compiled, read);
    }

    [Fact]
    public void Parse_NemotronH_HasThePresetsShape()
    {
        // The published config of nvidia/Nemotron-H-8B-Base-8K reads into the compiled preset, pattern and mixer included.
        ModelSpec compiled = Presets.NemotronH8B.Spec with { StatedParameters = 0 };
        Assert.Equal(compiled, Read("nemotron-h-8b.json").Spec);
    }

    [Fact]
    public void Parse_NemotronHLatentMoe_HasTheSuperPresetsShape()
    {
        // The NemotronHConfig fields of Nemotron 3 Super as docs/model-facts.md section 4d lists them (written here, not
        // a copy of the published file), read into the compiled nemotron-3-super preset.
        const string json = """
            {"architectures":["NemotronHForCausalLM"],"num_hidden_layers":88,"hidden_size":4096,"num_attention_heads":32,
             "num_key_value_heads":2,"head_dim":128,"intermediate_size":2688,"vocab_size":131072,"max_position_embeddings":262144,
             "tie_word_embeddings":false,"mlp_hidden_act":"relu2",
             "hybrid_override_pattern":"MEMEMEM*EMEMEMEM*EMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEMEM*EMEMEMEM*EMEMEMEME",
             "mamba_num_heads":128,"mamba_head_dim":64,"ssm_state_size":128,"n_groups":8,"conv_kernel":4,"chunk_size":128,
             "n_routed_experts":512,"num_experts_per_tok":22,"moe_intermediate_size":2688,"moe_shared_expert_intermediate_size":5376,
             "moe_latent_size":1024,"num_nextn_predict_layers":1}
            """;
        Assert.Equal(Presets.Nemotron3Super.Spec with { StatedParameters = 0 }, HuggingFaceConfig.Parse(json, "super", "test").Spec);
    }

    [Fact]
    public void Parse_NameOrPath_NamesTheModelAndSourceNamesTheFile()
    {
        ModelPreset preset = Read("llama-3.1-8b.json");
        Assert.Equal("Llama-3.1-8B", preset.Info.Name);
        Assert.StartsWith("LlamaForCausalLM config.json read from ", preset.Info.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Qwen3MoeLeadingDenseLayers_AreFirstDenseLayers()
    {
        string json = File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "hf-configs", "qwen3-30b-a3b.json"))
            .Replace("\"mlp_only_layers\": []", "\"mlp_only_layers\": [0, 1]", StringComparison.Ordinal);
        ModelSpec m = HuggingFaceConfig.Parse(json, "q", "test").Spec;
        Assert.Equal(2, m.FirstDenseLayers);
        Assert.Equal(46, m.MoeLayers);
    }

    [Theory]
    [InlineData("{", "config.json is not valid JSON")]
    [InlineData("[1]", "config.json must be a JSON object")]
    [InlineData("{}", "config.json: architectures is missing")]
    [InlineData("{\"architectures\":[]}", "config.json: architectures must be a non-empty array")]
    [InlineData("{\"architectures\":[\"BertModel\"]}", "'BertModel' is not supported; supported: LlamaForCausalLM")]
    [InlineData("{\"architectures\":[\"NemotronHForCausalLM\"]}", "config.json: hybrid_override_pattern is missing")]
    [InlineData("{\"architectures\":[\"NemotronHForCausalLM\"],\"hybrid_override_pattern\":\"M-|M-\"}", "config.json: hybrid_override_pattern is '|' at position 3")]
    [InlineData("{\"architectures\":[\"NemotronHForCausalLM\"],\"hybrid_override_pattern\":\"MEM*\",\"num_hidden_layers\":4,\"hidden_size\":1024,\"num_attention_heads\":8,\"intermediate_size\":512,\"vocab_size\":1000,\"mamba_num_heads\":16,\"mamba_head_dim\":64,\"ssm_state_size\":64}", "config.json: n_routed_experts is missing")]
    [InlineData("{\"architectures\":[\"LlamaForCausalLM\"],\"hidden_size\":\"4096\"}", "config.json: hidden_size must be a whole number, not a string")]
    [InlineData("{\"architectures\":[\"LlamaForCausalLM\"],\"hidden_size\":1e300}", "config.json: hidden_size must be a whole number")]
    [InlineData("{\"architectures\":[\"LlamaForCausalLM\"],\"hidden_size\":99999999999}", "config.json: hidden_size is 99999999999 but must be from 0 to")]
    [InlineData("{\"architectures\":[\"LlamaForCausalLM\"],\"hidden_size\":4096}", "config.json: num_attention_heads is missing")]
    [InlineData("{\"architectures\":[\"LlamaForCausalLM\"],\"hidden_size\":4096,\"num_attention_heads\":32,\"num_hidden_layers\":0,\"intermediate_size\":1,\"vocab_size\":1}", "config.json: num_hidden_layers is 0 but must be")]
    [InlineData("{\"architectures\":[\"LlamaForCausalLM\"],\"tie_word_embeddings\":1,\"hidden_size\":4096,\"num_attention_heads\":32,\"num_hidden_layers\":2,\"intermediate_size\":1,\"vocab_size\":1}", "config.json: tie_word_embeddings must be true or false")]
    [InlineData("{\"architectures\":[\"Qwen3MoeForCausalLM\"],\"mlp_only_layers\":[3],\"hidden_size\":4096,\"num_attention_heads\":32,\"num_hidden_layers\":2,\"intermediate_size\":1,\"vocab_size\":1}", "config.json: mlp_only_layers lists layers other than a run of leading layers")]
    [InlineData("{\"architectures\":[\"NemotronHForCausalLM\"],\"hybrid_override_pattern\":\"M*\",\"num_hidden_layers\":2,\"hidden_size\":1024,\"num_attention_heads\":8,\"intermediate_size\":512,\"vocab_size\":1000,\"mlp_hidden_act\":\"silu\"}", "config.json: mlp_hidden_act is 'silu'")]
    public void Parse_BadConfig_NamesTheField(string json, string expected)
    {
        PlanInputException ex = Assert.Throws<PlanInputException>(() => HuggingFaceConfig.Parse(json, "x", "test"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Parse_ControlCharactersInTheArchitecture_AreNotEchoed()
    {
        PlanInputException ex = Assert.Throws<PlanInputException>(() => HuggingFaceConfig.Parse("{\"architectures\":[\"A\\u001b[31mB\\nC\"]}", "x", "test"));
        Assert.Contains("'A?[31mB?C'", ex.Message, StringComparison.Ordinal);
    }
}
