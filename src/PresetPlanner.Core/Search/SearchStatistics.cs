namespace PresetPlanner;

/// <summary>What a search did, measured: layouts enumerated, evaluated (the rest were pruned), feasible, wall time and bytes allocated.</summary>
/// <param name="Enumerated">Layouts the enumerator produced.</param>
/// <param name="Evaluated">Layouts fully evaluated (enumerated minus pruned).</param>
/// <param name="Feasible">Evaluated layouts that fit.</param>
/// <param name="Seconds">Wall time of the search.</param>
/// <param name="AllocatedBytes">Managed bytes allocated during the search (all threads).</param>
public readonly record struct SearchStatistics(long Enumerated, long Evaluated, long Feasible, double Seconds, long AllocatedBytes)
{
    /// <summary>Enumerated layouts per second of wall time.</summary>
    public double ConfigurationsPerSecond => Seconds > 0 ? Enumerated / Seconds : 0;
}
