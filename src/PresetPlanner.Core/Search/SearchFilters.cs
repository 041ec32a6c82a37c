using PresetPlanner.Settings;

namespace PresetPlanner.Search;

/// <summary>
/// What an unpinned dimension of a search space takes, written once for the enumerator (which generates it), the
/// admission test (which checks a whole layout) and the brute-force walk (which crosses it): virtual stages that split the
/// layers evenly, power-of-two micro-batches up to <see cref="SearchSpace.MaxMicroBatch"/>, CP degrees that leave each
/// rank at least <see cref="SearchSpace.MinContextChunk"/> tokens, and ETP 1 or TP on MoE models (1 on dense ones). A
/// pinned dimension takes exactly its pinned values, which the rules then judge.
/// </summary>
internal static class SearchFilters
{
    /// <summary>Whether <paramref name="v"/> virtual stages split <paramref name="layers"/> evenly over <paramref name="p"/> stages (any v of 1).</summary>
    public static bool SplitsEvenly(int layers, int p, int v) => v == 1 || (p >= 1 && layers % ((long)p * v) == 0);

    /// <summary>The <paramref name="index"/>-th searched micro-batch: 1, 2, 4 ... <see cref="SearchSpace.MaxMicroBatch"/>.</summary>
    public static int MicroBatch(int index) => 1 << index;

    /// <summary>Whether <paramref name="b"/> is a searched micro-batch.</summary>
    public static bool IsSearchedMicroBatch(int b) => b >= 1 && b <= SearchSpace.MaxMicroBatch && (b & (b - 1)) == 0;

    /// <summary>Whether CP <paramref name="c"/> leaves each rank at least <see cref="SearchSpace.MinContextChunk"/> tokens of <paramref name="sequence"/> (any c of 1).</summary>
    public static bool KeepsLongChunks(int sequence, int c) => c == 1 || (c >= 1 && sequence / c >= SearchSpace.MinContextChunk);

    /// <summary>ETP values searched with TP <paramref name="tp"/>: 1 and TP on an MoE model with TP above 1, else 1.</summary>
    public static int EtpCount(bool moe, int tp) => moe && tp > 1 ? 2 : 1;

    /// <summary>The <paramref name="index"/>-th searched ETP with TP <paramref name="tp"/>: 1, then TP.</summary>
    public static int Etp(int index, int tp) => index == 0 ? 1 : tp;

    /// <summary>Whether <paramref name="etp"/> is a searched ETP with TP <paramref name="tp"/>.</summary>
    public static bool IsSearchedEtp(int etp, int tp, bool moe) => etp == 1 || (moe && etp == tp);
}
