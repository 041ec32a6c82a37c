namespace PresetPlanner.Vocabulary;

/// <summary>Which runs a prediction band was drawn from: its own kind, or a wider one when its kind has too few runs.</summary>
public enum BandScope
{
    /// <summary>Runs of the same GPU generation, dense or MoE, and precision width.</summary>
    Kind,

    /// <summary>Runs of the same GPU generation, dense or MoE, any precision.</summary>
    Generation,

    /// <summary>Dense or MoE runs, any GPU and precision.</summary>
    ModelKind,

    /// <summary>Every run.</summary>
    All,
}
