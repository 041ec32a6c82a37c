using PresetPlanner.Generator.Diagnostics;

namespace PresetPlanner.Generator.Parsing;

/// <summary>The optional "moe" object of a model preset; all zero for a dense model.</summary>
internal readonly record struct MoeFields(int Experts, int Active, int Ffn, int Shared, int SharedFfn, int FirstDense, int Interval)
{
    public static MoeFields Read(PresetReader r, int? layers)
    {
        if (!r.Object("moe"))
        {
            return default;
        }

        int? experts = r.Integer("moe.experts", true, "\"experts\": 8", 1);
        int? active = r.Integer("moe.activeExperts", true, "\"activeExperts\": 2", 1);
        int? ffn = r.Integer("moe.ffnHidden", true, "\"ffnHidden\": 14336", 1);
        int shared = r.Integer("moe.sharedExperts", false, "\"sharedExperts\": 1", 0) ?? 0;
        int sharedFfn = r.Integer("moe.sharedFfnHidden", false, "\"sharedFfnHidden\": 2048", 1) ?? 0;
        int firstDense = r.Integer("moe.firstDenseLayers", false, "\"firstDenseLayers\": 3", 0) ?? 0;
        int interval = r.Integer("moe.layerInterval", false, "\"layerInterval\": 1", 1) ?? 1;
        r.Plausible("moe.experts", experts, 4096, "more experts than any published model");
        if (experts is int e && active is int a && a > e)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "moe.activeExperts", $"activeExperts ({a}) exceed experts ({e})", "a token cannot be routed to more experts than exist");
        }

        if (layers is int l && firstDense >= l)
        {
            r.Report(DiagnosticDescriptors.InconsistentShape, "moe.firstDenseLayers", $"firstDenseLayers ({firstDense}) leave no MoE layer among {l} layers", "lower firstDenseLayers or drop the \"moe\" object");
        }

        return new MoeFields(experts ?? 0, active ?? 0, ffn ?? 0, shared, sharedFfn, firstDense, interval);
    }
}
