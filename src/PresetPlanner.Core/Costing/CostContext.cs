using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;

namespace PresetPlanner.Costing;

/// <summary>
/// What the cost model precomputes once per plan from checked inputs (<see cref="PlanInputs"/>): per-layer figures, the
/// layout-independent time constants and the fixed memory reserve. The evaluator, the enumerator and the searches read
/// it millions of times; the public <c>Planning.PlanningContext</c> holds one.
/// </summary>
internal sealed class CostContext : PlanInputs
{
    private static long s_stamps;

    /// <summary>Precomputes the figures of checked inputs (the caller validated them).</summary>
    public CostContext(in ModelSpec model, in ClusterSpec cluster, in TrainingSettings settings, in EfficiencyModel efficiency)
        : base(model, cluster, settings, efficiency)
    {
        Costs = new ModelCosts(Model);
        Time = new TimeConstants(Costs, Cluster, settings, efficiency);
        FixedReserve = ReservedMemory.Fixed(Model, settings);
        FragmentationShare = ReservedMemory.Fragmentation(settings);
        Stamp = Interlocked.Increment(ref s_stamps);
    }

    /// <summary>The model and its per-layer figures.</summary>
    public readonly ModelCosts Costs;

    /// <summary>The time model's layout-independent figures.</summary>
    public readonly TimeConstants Time;

    /// <summary>The reserve every GPU of every layout holds (<see cref="ReservedMemory.Fixed"/>), bytes.</summary>
    public readonly double FixedReserve;

    /// <summary>The fraction of the allocated memory lost to fragmentation (<see cref="ReservedMemory.Fragmentation"/>).</summary>
    public readonly double FragmentationShare;

    /// <summary>A number no other context in this process has: lets an <see cref="EvaluationCache"/> tell contexts apart.</summary>
    public readonly long Stamp;
}
