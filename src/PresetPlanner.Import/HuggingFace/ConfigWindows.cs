using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.HuggingFace;

/// <summary>
/// Local attention as transformers configurations state it: a window (<c>sliding_window</c>) or chunk
/// (<c>attention_chunk_size</c>), and which layers use it (<c>layer_types</c>, or each class's own pattern field and
/// default), read into <see cref="ModelSpec.AttentionWindow"/> and <see cref="ModelSpec.GlobalAttentionInterval"/>.
/// </summary>
internal static class ConfigWindows
{
    /// <summary>
    /// A sliding window in every layer: MistralConfig (default 4,096, null turns it off). Qwen2 and Qwen3 set a window
    /// only with <c>use_sliding_window</c>, for the layers from <c>max_window_layers</c> on, which is not read.
    /// </summary>
    public static ModelSpec Mistral(ModelSpec m, ConfigFields f) =>
        Sliding(m, f, f.Has("sliding_window") ? f.OptionalInt("sliding_window") : 4096, every: 0);

    /// <summary>Phi3Config: a sliding window on every layer when <c>sliding_window</c> is set (Phi-3-mini-4k: 2,047; default none).</summary>
    public static ModelSpec Phi3(ModelSpec m, ConfigFields f) => Sliding(m, f, f.OptionalInt("sliding_window"), every: 0);

    /// <summary>Refuses a Qwen2/Qwen3 config that turns its sliding window on.</summary>
    public static ModelSpec Qwen(ModelSpec m, ConfigFields f) => f.Bool("use_sliding_window", false)
        ? throw new PlanInputException(InputField.Config, "use_sliding_window", "is true; a window on the layers from max_window_layers on is not read. " + WayAround)
        : m;

    /// <summary>Gemma2Config: a window (default 4,096) on every other layer, the first local (<c>layer_types</c> when given).</summary>
    public static ModelSpec Gemma2(ModelSpec m, ConfigFields f) => Sliding(m, f, f.Int("sliding_window", 4096), every: 2);

    /// <summary>
    /// Gemma3TextConfig: a window (default 4,096; Gemma 3 1B states 512, 27B 1,024) on five layers of six, every
    /// <c>sliding_window_pattern</c>-th global (default 6; <c>layer_types</c> when given).
    /// </summary>
    public static ModelSpec Gemma3(ModelSpec m, ConfigFields f) => Sliding(m, f, f.Int("sliding_window", 4096), every: f.Int("sliding_window_pattern", 6));

    /// <summary>GptOssConfig: a 128-token window (its default) on every other layer, the first local (<c>layer_types</c>).</summary>
    public static ModelSpec GptOss(ModelSpec m, ConfigFields f) => Sliding(m, f, f.Int("sliding_window", 128), every: 2);

    /// <summary>
    /// Llama4TextConfig: chunked attention within <c>attention_chunk_size</c> (8,192) on the layers that use rotary
    /// positions; <c>no_rope_layers</c> marks them 1 and the global NoPE layers 0 (default: every
    /// <c>no_rope_layer_interval</c>-th, 4, is NoPE).
    /// </summary>
    public static ModelSpec Llama4(ModelSpec m, ConfigFields f)
    {
        int chunk = f.Int("attention_chunk_size", 8192);
        int[] rope = f.Ints("no_rope_layers");
        int every;
        if (rope.Length == 0)
        {
            every = f.Int("no_rope_layer_interval", 4);
        }
        else
        {
            var local = new bool[m.Layers];
            for (int i = 0; i < local.Length; i++)
            {
                local[i] = i >= rope.Length || rope[i] != 0;
            }

            every = Interval(local, "no_rope_layers");
        }

        return Windowed(m, chunk, chunked: true, every);
    }

    /// <summary>How to describe a model whose window this reader does not take.</summary>
    public const string WayAround = "Describe it with --model-file (a model preset with a \"window\" object, presets/schema/model.schema.json)";

    // A sliding window of `size` (null: none) on the layers `layer_types` marks sliding, or every layer but each
    // `every`-th (0: all local) when it gives none.
    private static ModelSpec Sliding(ModelSpec m, ConfigFields f, int? size, int every)
    {
        if (size is not int window || window <= 0)
        {
            return m;
        }

        string[] types = f.Texts("layer_types");
        if (types.Length > 0)
        {
            var local = new bool[types.Length];
            for (int i = 0; i < types.Length; i++)
            {
                local[i] = types[i] switch
                {
                    "sliding_attention" => true,
                    "full_attention" => false,
                    _ => throw new PlanInputException(InputField.Config, "layer_types", $"lists '{HuggingFaceArchitectures.Clip(types[i])}'; only sliding_attention and full_attention are read. " + WayAround),
                };
            }

            every = Interval(local, "layer_types");
            if (every == 1)
            {
                return m;
            }
        }

        return Windowed(m, window, chunked: false, every);
    }

    private static ModelSpec Windowed(ModelSpec m, int size, bool chunked, int every) =>
        every == 1 ? m : m with { AttentionWindow = size, ChunkedAttention = chunked, GlobalAttentionInterval = every };

    // The n of a pattern whose every n-th layer (the n-th, 2n-th, ...) is global and the rest local: 0 when every layer
    // is local, 1 when none is. Any other arrangement is refused: the cost model takes local layers as that pattern.
    private static int Interval(bool[] local, string field)
    {
        int first = System.Array.IndexOf(local, false);
        if (first < 0)
        {
            return 0;
        }

        int every = first + 1;
        for (int i = 0; i < local.Length; i++)
        {
            if (local[i] != ((i + 1) % every != 0))
            {
                throw new PlanInputException(InputField.Config, field, $"is not a regular pattern (every n-th layer global, the others local), which is what the cost model describes. " + WayAround);
            }
        }

        return every;
    }
}
