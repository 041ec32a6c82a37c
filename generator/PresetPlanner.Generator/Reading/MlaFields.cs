namespace PresetPlanner.Generator.Reading;

/// <summary>The optional "mla" object of a model preset (DeepSeek-V2/V3 multi-head latent attention). Ranges are the validator's.</summary>
internal readonly record struct MlaFields(bool Present, int QLoraRank, int KvLoraRank, int QkRopeHeadDim, int VHeadDim)
{
    public static MlaFields Read(PresetReader r)
    {
        if (!r.Object("mla"))
        {
            return default;
        }

        int qLora = r.Integer("mla.qLoraRank", false, "\"qLoraRank\": 1536") ?? 0;
        int? kvLora = r.Integer("mla.kvLoraRank", true, "\"kvLoraRank\": 512");
        int? rope = r.Integer("mla.qkRopeHeadDim", true, "\"qkRopeHeadDim\": 64");
        int? v = r.Integer("mla.vHeadDim", true, "\"vHeadDim\": 128");
        return new MlaFields(true, qLora, kvLora ?? 0, rope ?? 0, v ?? 0);
    }
}
