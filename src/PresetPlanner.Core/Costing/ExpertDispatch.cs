using PresetPlanner.Vocabulary;

namespace PresetPlanner.Costing;

/// <summary>
/// How many copies of a token's hidden state an MoE dispatch sends to other EP ranks, and how many of them cross the
/// scale-out network, by dispatcher.
/// </summary>
/// <remarks>
/// Megatron-Core's <c>alltoall</c> dispatcher permutes one row per (token, expert) pair before its NCCL all-to-all, so
/// a token routed to r experts is sent r times, (e - 1)/e of them to other ranks, whether or not two of its experts
/// share a rank or a node. The fused dispatchers route by rank: DeepEP's <c>get_dispatch_layout</c> returns, per token,
/// the ranks (<c>is_token_in_rank</c>) and the RDMA ranks (<c>num_tokens_per_rdma_rank</c>, one per node) it goes to;
/// its internode kernels send a token once to each node that holds any of its experts, with a bit mask of the node's
/// GPUs to forward it to over NVLink (<c>csrc/kernels/internode.cu</c>, <c>SourceMeta</c>), and combine reduces a
/// token's expert outputs on each rank and node before sending them back (DeepSeek-V3 technical report, section 3.2.2,
/// IB then NVLink forwarding). Megatron-Core's flex dispatcher gives HybridEP the same per-rank routing map
/// (<c>token_dispatcher.py</c>, <c>_DispatchManager</c>: <c>[num_local_tokens, world_size, num_instances]</c>).
/// With the r experts uniform over E (the load-balanced router's aim), a group of E/g experts (a rank's, or a node's)
/// holds at least one of them with probability 1 - C(E - E/g, r) / C(E, r) (hypergeometric), so a token reaches
/// (e - 1) of those on other ranks and (N - 1) of those on other nodes, for an EP group of e ranks over N domains.
/// Node-limited routing (DeepSeek-V3's four nodes per token) is not modelled: its cap only lowers the node count.
/// </remarks>
internal static class ExpertDispatch
{
    /// <summary>
    /// Copies of each routed token sent to other EP ranks (before the capacity factor): r (e - 1)/e for the NCCL
    /// all-to-all, (e - 1) P(rank holds one of the token's experts) for the fused dispatchers.
    /// </summary>
    /// <param name="dispatcher">The token dispatcher.</param>
    /// <param name="experts">Routed experts E.</param>
    /// <param name="active">Experts per token r.</param>
    /// <param name="ep">EP ranks e.</param>
    public static double SentCopies(MoeDispatcher dispatcher, int experts, int active, int ep) =>
        ep <= 1 || active <= 0 || experts <= 0 ? 0
        : dispatcher == MoeDispatcher.AllToAll ? active * (ep - 1) / (double)ep
        : (ep - 1) * HitProbability(experts, active, ep);

    /// <summary>
    /// The share of a fused dispatcher's <paramref name="sent"/> copies (<see cref="SentCopies"/>) that crosses the
    /// scale-out network when its EP group of <paramref name="ep"/> ranks has <paramref name="perDomain"/> ranks in each
    /// of N = e / k domains: (N - 1) P(node hit) over the copies sent; <paramref name="allToAllShare"/> (the NCCL
    /// all-to-all's) when the group does not span several multi-rank domains.
    /// </summary>
    /// <param name="experts">Routed experts E.</param>
    /// <param name="active">Experts per token r.</param>
    /// <param name="ep">EP ranks e.</param>
    /// <param name="perDomain">EP ranks per scale-up domain k (1 when each rank is in its own domain).</param>
    /// <param name="sent">The copies each routed token sends to other EP ranks.</param>
    /// <param name="allToAllShare">The group link's share for an all-to-all, (e - k)/(e - 1).</param>
    public static double FusedScaleOutShare(int experts, int active, int ep, long perDomain, double sent, double allToAllShare)
    {
        if (ep <= 1 || perDomain <= 1 || allToAllShare <= 0 || sent <= 0)
        {
            return allToAllShare;
        }

        long domains = ep / perDomain;
        return Math.Min(1, (domains - 1) * HitProbability(experts, active, domains) / sent);
    }

    /// <summary>
    /// The probability that one of <paramref name="groups"/> equal groups of <paramref name="experts"/> holds at least
    /// one of a token's <paramref name="active"/> distinct experts chosen uniformly: 1 - prod_{i &lt; r} (E - E/g - i)/(E - i).
    /// </summary>
    internal static double HitProbability(int experts, int active, long groups)
    {
        if (groups <= 1)
        {
            return 1;
        }

        double e = experts;
        double outside = e - (e / groups);
        double miss = 1;
        for (int i = 0; i < active && miss > 0; i++)
        {
            miss *= Math.Max(0, outside - i) / (e - i);
        }

        return 1 - miss;
    }
}
