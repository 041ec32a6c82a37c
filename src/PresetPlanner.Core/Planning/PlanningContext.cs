namespace PresetPlanner;

/// <summary>
/// Everything fixed during one plan: the model with its precomputed costs, the cluster, the settings and the time
/// model's efficiencies. Built once per plan; the evaluator reads it by <c>in</c>.
/// </summary>
public readonly struct PlanningContext
{
    /// <summary>Prepares a plan of <paramref name="model"/> on <paramref name="cluster"/>.</summary>
    public PlanningContext(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings)
        : this(model, cluster, settings, EfficiencyModel.For(cluster.Gpu))
    {
    }

    /// <summary>Prepares a plan with explicit efficiencies (calibration and what-if studies).</summary>
    public PlanningContext(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
    {
        Costs = new ModelCosts(model);
        Cluster = cluster;
        Settings = settings;
        Efficiency = efficiency;
    }

    /// <summary>The model and its per-layer figures.</summary>
    public ModelCosts Costs { get; }

    /// <summary>The model.</summary>
    public ModelSpec Model => Costs.Model;

    /// <summary>The cluster.</summary>
    public ClusterSpec Cluster { get; }

    /// <summary>The training settings.</summary>
    public TrainingSettings Settings { get; }

    /// <summary>Calibrated efficiencies of compute and links.</summary>
    public EfficiencyModel Efficiency { get; }
}
