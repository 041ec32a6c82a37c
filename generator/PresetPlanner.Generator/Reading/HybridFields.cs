using PresetPlanner.Specs;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The optional "hybrid" object of a model preset (a Mamba-Transformer hybrid) with its Megatron-Core layer pattern,
/// counted into <see cref="HybridLayers"/>, and the optional "mamba" object with its Mamba-2 mixer. Ranges and consistency are the validator's; a character
/// outside M, *, - and E is PP0005 at the pattern.
/// </summary>
internal readonly record struct HybridFields(bool Present, HybridLayers Layers, MambaShape Mamba)
{
    public static HybridFields Read(PresetReader r)
    {
        bool present = r.Object("hybrid");
        string? pattern = present ? r.String("hybrid.pattern", true, "\"pattern\": \"M-M-M-M*-\"") : null;
        var mamba = default(MambaShape);
        if (r.Object("mamba"))
        {
            mamba = new MambaShape
            {
                Heads = r.Integer("mamba.heads", true, "\"heads\": 128") ?? 0,
                HeadDim = r.Integer("mamba.headDim", true, "\"headDim\": 64") ?? 0,
                StateSize = r.Integer("mamba.stateSize", true, "\"stateSize\": 128") ?? 0,
                Groups = r.Integer("mamba.groups", true, "\"groups\": 8") ?? 0,
                ConvKernel = r.Integer("mamba.convKernel", false, "\"convKernel\": 4") ?? 4,
                ChunkSize = r.Integer("mamba.chunkSize", false, "\"chunkSize\": 128") ?? 128,
            };
        }

        if (pattern is null)
        {
            return new HybridFields(present, default, mamba);
        }

        if (!HybridLayers.TryCount(pattern, out HybridLayers layers, out string problem))
        {
            r.Report(PresetRules.OutOfRange, "hybrid.pattern", "hybrid.pattern", problem, HybridLayers.PatternRule);
            return new HybridFields(true, default, mamba);
        }

        return new HybridFields(true, layers, mamba);
    }
}
