using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Validation;

/// <summary>
/// A model, cluster and training settings that passed <see cref="InputValidator"/>, with the figures every rule reads:
/// what the rule book (Rules) is given. The cost model's context (<c>Costing.CostContext</c>) extends it with its
/// precomputed figures; the public <c>Planning.PlanningContext</c> holds one.
/// </summary>
/// <remarks>Fields rather than properties so that reads of the large structs never copy.</remarks>
internal class PlanInputs
{
    /// <summary>Takes checked inputs (the caller validated them).</summary>
    protected PlanInputs(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        Model = model;
        Cluster = cluster;
        Gpu = cluster.Gpu;
        Settings = settings;
        Efficiency = efficiency;
        DomainShare = cluster.GpusPerDomainUsed;
    }

    /// <summary>The model's shape.</summary>
    public readonly ModelSpec Model;

    /// <summary>The cluster.</summary>
    public readonly ClusterSpec Cluster;

    /// <summary>The cluster's GPU.</summary>
    public readonly GpuSpec Gpu;

    /// <summary>The training settings.</summary>
    public readonly TrainingSettings Settings;

    /// <summary>The time model's efficiencies.</summary>
    public readonly EfficiencyModel Efficiency;

    /// <summary>GPUs of this job in each NVLink domain it uses (<see cref="Placement"/>).</summary>
    public readonly int DomainShare;
}
