namespace PresetPlanner;

/// <summary>
/// The link each parallel group of a layout runs on. Ranks are ordered TP innermost, then CP, then EP within DP, then
/// PP (Megatron-Core's rank order), so a group's stride is the product of the degrees inside it.
/// </summary>
/// <param name="Tp">Link of the TP group.</param>
/// <param name="Pp">Link of the PP group.</param>
/// <param name="Dp">Link of the DP group.</param>
/// <param name="Cp">Link of the CP group.</param>
/// <param name="Ep">Link of the EP group.</param>
internal readonly record struct GroupLinks(LinkKind Tp, LinkKind Pp, LinkKind Dp, LinkKind Cp, LinkKind Ep)
{
    /// <summary>The links of <paramref name="layout"/>'s groups on <paramref name="cluster"/>.</summary>
    public static GroupLinks Of(in ClusterSpec cluster, in ParallelLayout layout)
    {
        int g = cluster.GpusPerNode;
        int n = cluster.GpuCount;
        int t = layout.Tp;
        int c = layout.Cp;
        return new GroupLinks(
            CommunicationVolume.Link(1, t, g, n),
            CommunicationVolume.Link((long)t * c * layout.Dp, layout.Pp, g, n),
            CommunicationVolume.Link(t, (long)c * layout.Dp, g, n),
            CommunicationVolume.Link(t, c, g, n),
            CommunicationVolume.Link((long)t * c, layout.Ep, g, n));
    }
}
