namespace PresetPlanner.Generator.Reading;

/// <summary>The optional "moe" object of a model preset; all zero for a dense model. Ranges are the validator's.</summary>
internal readonly record struct MoeFields(bool Present, int Experts, int Active, int Ffn, int Shared, int SharedFfn, int FirstDense, int Interval, int Latent)
{
    public static MoeFields Read(PresetReader r)
    {
        if (!r.Object("moe"))
        {
            return default;
        }

        int? experts = r.Integer("moe.experts", true, "\"experts\": 8");
        int? active = r.Integer("moe.activeExperts", true, "\"activeExperts\": 2");
        int? ffn = r.Integer("moe.ffnHidden", true, "\"ffnHidden\": 14336");
        int shared = r.Integer("moe.sharedExperts", false, "\"sharedExperts\": 1") ?? 0;
        int sharedFfn = r.Integer("moe.sharedFfnHidden", false, "\"sharedFfnHidden\": 2048") ?? 0;
        int firstDense = r.Integer("moe.firstDenseLayers", false, "\"firstDenseLayers\": 3") ?? 0;
        int interval = r.Integer("moe.layerInterval", false, "\"layerInterval\": 1") ?? 1;
        int latent = r.Integer("moe.latentSize", false, "\"latentSize\": 1024") ?? 0;
        return new MoeFields(true, experts ?? 0, active ?? 0, ffn ?? 0, shared, sharedFfn, firstDense, interval, latent);
    }
}
