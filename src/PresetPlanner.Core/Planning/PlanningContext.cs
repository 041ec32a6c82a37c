namespace PresetPlanner;

/// <summary>
/// Everything fixed during one plan: the model with its precomputed costs, the cluster, the settings and the time
/// model's efficiencies. Built once per plan; the evaluator reads it by <c>in</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051:Do not declare visible instance fields", Justification = "Read through `in` references in the hot path; properties of struct type would copy.")]
public readonly struct PlanningContext
{
    /// <summary>Prepares a plan of <paramref name="model"/> on <paramref name="cluster"/>.</summary>
    public PlanningContext(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings)
        : this(model, cluster, settings, EfficiencyModel.For(cluster))
    {
    }

    /// <summary>Prepares a plan with explicit efficiencies (calibration and what-if studies).</summary>
    public PlanningContext(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        Costs = new ModelCosts(model);
        Model = model;
        Cluster = cluster;
        Gpu = cluster.Gpu;
        Settings = settings;
        Space = settings.Space;
        Efficiency = efficiency;
        Time = new TimeConstants(Costs, cluster, settings, efficiency);
        Stamp = Interlocked.Increment(ref s_stamps);
    }

    // Public readonly fields, not properties: the evaluator reads them through `in` references millions of times, and a
    // property of struct type would copy the whole struct (TrainingSettings is ~300 bytes) on every access.

    /// <summary>The model and its per-layer figures.</summary>
    public readonly ModelCosts Costs;

    /// <summary>The model.</summary>
    public readonly ModelSpec Model;

    /// <summary>The cluster.</summary>
    public readonly ClusterSpec Cluster;

    /// <summary>The cluster's GPU.</summary>
    public readonly GpuSpec Gpu;

    /// <summary>The training settings.</summary>
    public readonly TrainingSettings Settings;

    /// <summary>The settings' search space, as a field so the enumerator reads it without copying.</summary>
    public readonly SearchSpace Space;

    /// <summary>Calibrated efficiencies of compute and links.</summary>
    public readonly EfficiencyModel Efficiency;

    /// <summary>The time model's layout-independent figures.</summary>
    public readonly TimeConstants Time;

    /// <summary>A number no other context constructed in this process has (copies share it): lets a cache tell contexts apart.</summary>
    internal readonly long Stamp;

    private static long s_stamps;
}
