using PresetPlanner.Vocabulary;

namespace PresetPlanner.Results;

/// <summary>The link of one parallel group and the share of its bytes that crosses the scale-out network.</summary>
/// <param name="Kind">Scale-up, scale-out, hierarchical, or none.</param>
/// <param name="ScaleOutShare">Fraction of the group's bytes on the scale-out network (0 for scale-up, 1 for scale-out).</param>
public readonly record struct GroupLink(LinkKind Kind, float ScaleOutShare)
{
    /// <summary>
    /// The link of a group of <paramref name="size"/> ranks spaced <paramref name="stride"/> apart in a job of
    /// <paramref name="gpus"/> GPUs placed <paramref name="perDomain"/> to a domain (rank r in domain r / G), for a
    /// <paramref name="collective"/>. A group inside one domain runs on NVLink; a group with one rank per domain on the
    /// network; a group with k ranks in each of n / k domains runs hierarchically, and the share of its bytes on the
    /// network follows from the collective over n ranks: a ring all-reduce, reduce-scatter or all-gather sends
    /// (k-1)/k of the data inside the domain and (n-k)/(n k) across (of (n-1)/n in all; NCCL's tree/ring hierarchy),
    /// an all-to-all sends (n-k)/(n-1) of its bytes to other domains, and point-to-point traffic (pipeline sends, the CP
    /// ring) waits for its slowest hop, so it counts as crossing.
    /// </summary>
    internal static GroupLink Of(long stride, long size, int perDomain, int gpus, Collective collective)
    {
        if (size <= 1)
        {
            return default;
        }

        long span = stride * size;
        if (gpus <= perDomain || (span <= perDomain && perDomain % span == 0))
        {
            return new GroupLink(LinkKind.ScaleUp, 0);
        }

        long k = MembersPerDomain(stride, size, perDomain);
        if (k <= 1 || collective == Collective.PointToPoint)
        {
            return new GroupLink(LinkKind.ScaleOut, 1);
        }

        double n = size;
        double share = collective == Collective.AllToAll ? (n - k) / (n - 1) : (n - k) / (k * (n - 1));
        return new GroupLink(LinkKind.Hierarchical, (float)share);
    }

    /// <summary>
    /// Members of a group of <paramref name="size"/> ranks spaced <paramref name="stride"/> apart that share one domain of
    /// <paramref name="perDomain"/> GPUs: G / stride consecutive members when the stride divides G, else 1.
    /// </summary>
    internal static long MembersPerDomain(long stride, long size, int perDomain) =>
        stride < perDomain && perDomain % stride == 0 ? Math.Min(size, perDomain / stride) : 1;
}
