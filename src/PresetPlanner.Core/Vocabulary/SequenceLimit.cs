namespace PresetPlanner.Vocabulary;

/// <summary>What stopped a longest-sequence search.</summary>
public enum SequenceLimit
{
    /// <summary>Memory: the next longer sequence tried does not fit.</summary>
    Memory,

    /// <summary>The model's own context length (<see cref="Specs.ModelSpec.MaxSequence"/>): longer sequences were not tried.</summary>
    ModelContext,

    /// <summary>The longest sequence the caller asked about: longer sequences were not tried.</summary>
    Requested,
}
