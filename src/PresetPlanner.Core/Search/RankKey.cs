using PresetPlanner.Results;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Search;

/// <summary>
/// The order of a strategy table: layouts that fit first, by predicted tokens per second per GPU (ties: more memory
/// headroom); then layouts that run out of memory, by how far; then invalid layouts, by rule. The index breaks
/// remaining ties so the order is deterministic.
/// </summary>
internal readonly struct RankKey(int group, double score, double tie, int index) : IComparable<RankKey>
{
    public int Group { get; } = group;

    public double Score { get; } = score;

    public double Tie { get; } = tie;

    public int Index { get; } = index;

    public static RankKey Of(in StrategyResult r, int index)
    {
        if (r.Fits)
        {
            return new RankKey(0, -r.Time.TokensPerSecondPerGpu, -r.HeadroomBytes, index);
        }

        return r.Failure.Constraint == Constraint.OutOfMemory
            ? new RankKey(1, r.Memory.Total / r.CapacityBytes, 0, index)
            : new RankKey(2, (double)r.Failure.Constraint, 0, index);
    }

    public int CompareTo(RankKey other)
    {
        int c = Group.CompareTo(other.Group);
        if (c != 0)
        {
            return c;
        }

        c = Score.CompareTo(other.Score);
        if (c != 0)
        {
            return c;
        }

        c = Tie.CompareTo(other.Tie);
        return c != 0 ? c : Index.CompareTo(other.Index);
    }
}
