namespace PresetPlanner.Vocabulary;

/// <summary>The order in which ranks are assigned to parallel groups (innermost first), which decides each group's link.</summary>
public enum RankOrder
{
    /// <summary>TP, CP, (EP in) DP, PP: Megatron-Core's default <c>tp-cp-ep-dp-pp</c>, and torchtitan's mesh order.</summary>
    TpCpDpPp,

    /// <summary>TP, CP, PP, DP: Megatron-LM's <c>--use-tp-pp-dp-mapping</c>, which keeps pipeline neighbours closer.</summary>
    TpCpPpDp,
}
