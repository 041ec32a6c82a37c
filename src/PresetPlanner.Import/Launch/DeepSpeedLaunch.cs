using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PresetPlanner.Import.Files;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// Reads a DeepSpeed config JSON (docs/_pages/config-json.md of the commit docs/export.md names) into the run it
/// launches. The JSON holds the batch (so the data-parallel size, train_batch_size / (micro-batch x accumulation)),
/// the ZeRO stage, optimizer offload, the gradient reduction's type and AutoTP's degree; the pipeline degree (and TP
/// with a pipeline) is set by the training script, so the caller gives it; sequence parallelism is assumed with TP.
/// Activation checkpointing, configured here and applied in the model code, is read as full recomputation.
/// </summary>
public static class DeepSpeedLaunch
{
    /// <summary>
    /// The run <paramref name="text"/> configures for <paramref name="model"/>, over <paramref name="baseline"/>, with the
    /// script's <paramref name="tp"/>, <paramref name="pp"/> and <paramref name="ep"/> (null: AutoTP's degree or 1, 1 and 1;
    /// DeepSpeed's expert parallelism is <c>deepspeed.moe.layer.MoE(ep_size=...)</c> in the model code).
    /// </summary>
    /// <exception cref="PlanInputException">The JSON or a value is not one DeepSpeed accepts (the key is named).</exception>
    public static LaunchRun Read(string text, in ModelSpec model, in TrainingSettings baseline, int? tp = null, int? pp = null, int? ep = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document = ConfigJson.Parse(text, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        using (document)
        {
            JsonElement root = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement
                : throw new PlanInputException(InputField.Config, string.Empty, "must be a JSON object");
            var read = new HashSet<string>(StringComparer.Ordinal);
            int micro = Int(root, "train_micro_batch_size_per_gpu", read) ?? 1;
            int accumulation = Int(root, "gradient_accumulation_steps", read) ?? 1;
            int? batch = Int(root, "train_batch_size", read);
            int zero = 0;
            double offload = 0;
            if (Object(root, "zero_optimization", read) is JsonElement z)
            {
                zero = Int(z, "stage", null) ?? 0;
                zero = zero is >= 0 and <= 3 ? zero : throw Bad("zero_optimization.stage", zero.ToString(System.Globalization.CultureInfo.InvariantCulture), "is not 0-3");
                if (z.TryGetProperty("offload_optimizer", out JsonElement o) && o.ValueKind == JsonValueKind.Object
                    && o.TryGetProperty("device", out JsonElement device) && device.ValueKind == JsonValueKind.String && device.GetString() is "cpu" or "nvme")
                {
                    offload = zero == 3 && o.TryGetProperty("ratio", out JsonElement ratio) && ratio.TryGetDouble(out double r) && r is >= 0 and <= 1 ? r : 1;
                }
            }

            int autoTp = Object(root, "tensor_parallel", read) is JsonElement t ? Int(t, "autotp_size", null) ?? 1 : 1;
            bool bf16Reduction = Text(root, "communication_data_type", read) is "bf16" or "fp16";
            bool checkpointing = Object(root, "activation_checkpointing", read) is not null;
            bool fp16 = Object(root, "fp16", read) is JsonElement half && half.TryGetProperty("enabled", out JsonElement on) && on.ValueKind == JsonValueKind.True;
            _ = Object(root, "bf16", read);
            var notModelled = new List<string>();
            if (fp16)
            {
                notModelled.Add("fp16: FP16 mixed precision is costed as BF16 (the same bytes and tensor-core rate)");
            }

            int tensor = tp ?? autoTp;
            int dp = batch is int b && micro > 0 && accumulation > 0 && b % (micro * accumulation) == 0 ? b / (micro * accumulation) : 0;
            TrainingSettings s = baseline with
            {
                GlobalBatchSize = batch ?? baseline.GlobalBatchSize,
                Precision = ComputePrecision.Bf16,
                Gradients = bf16Reduction ? GradientPrecision.Bf16 : GradientPrecision.Fp32,
                OptimizerOffloadFraction = offload,
                Dispatcher = MoeDispatcher.AllToAll,
                CudaGraphs = CudaGraphScope.None,
                OverlapExpertCommunication = false,
                Framework = baseline.Framework,
            };
            var layout = new ParallelLayout
            {
                Tp = tensor,
                Pp = pp ?? 1,
                Dp = dp,
                MicroBatch = micro,
                Zero = zero,
                Recompute = checkpointing ? RecomputeMode.Full : RecomputeMode.None,
                // Megatron-DeepSpeed's --sequence-parallel is a script argument: assumed with TP, as Megatron-LM requires
                // it with TP and EP (the command line's --sp/--no-sp decide otherwise).
                SequenceParallel = tensor > 1,
                Ep = model.IsMoe ? ep ?? 1 : 1,
            };
            notModelled.AddRange(root.EnumerateObject().Select(p => p.Name).Where(n => !read.Contains(n) && !s_noEffect.Contains(n)).OrderBy(n => n, StringComparer.Ordinal));
            return new LaunchRun(ExportFramework.DeepSpeed, layout, s, notModelled);
        }
    }

    private static readonly HashSet<string> s_noEffect = new(StringComparer.Ordinal) { "steps_per_print", "wall_clock_breakdown", "gradient_clipping", "prescale_gradients" };

    private static JsonElement? Object(JsonElement e, string name, HashSet<string> read)
    {
        read.Add(name);
        return e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : null;
    }

    private static string? Text(JsonElement e, string name, HashSet<string> read)
    {
        read.Add(name);
        return e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static int? Int(JsonElement e, string name, HashSet<string>? read)
    {
        read?.Add(name);
        if (!e.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString() == "auto"))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 0 ? n : throw Bad(name, value.GetRawText(), "is not a whole number");
    }

    private static PlanInputException Bad(string key, string value, string rule) => LaunchValues.Bad(key, value, rule);
}
