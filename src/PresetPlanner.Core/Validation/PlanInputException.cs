namespace PresetPlanner.Validation;

/// <summary>
/// Bad input to a plan, thrown once where the plan is set up (never in the hot path): names the field and the rule it
/// breaks, e.g. "Settings.SequenceLength is -4096 but must be an integer from 1 to 67108864". The field is typed
/// (<see cref="Input"/>, <see cref="Spec"/>, <see cref="Key"/>); <see cref="Field"/> is its name for people.
/// </summary>
public sealed class PlanInputException : ArgumentException
{
    /// <summary>An exception for a training setting, an inverse question's argument or the parallelism breaking <paramref name="rule"/>.</summary>
    public PlanInputException(InputField input, string rule)
        : this(input, null, null, rule)
    {
    }

    /// <summary>An exception for a figure <paramref name="spec"/> of the model or cluster (<paramref name="input"/>) breaking <paramref name="rule"/>.</summary>
    public PlanInputException(InputField input, SpecField spec, string rule)
        : this(input, spec, null, rule)
    {
    }

    /// <summary>An exception for the efficiency, search-space set or file field <paramref name="key"/> breaking <paramref name="rule"/>.</summary>
    public PlanInputException(InputField input, string key, string rule)
        : this(input, null, key, rule)
    {
    }

    private PlanInputException(InputField input, SpecField? spec, string? key, string rule)
        : base(NameOf(input, spec, key) + " " + rule, NameOf(input, spec, key))
    {
        Input = input;
        Spec = spec;
        Key = key;
        Rule = rule;
    }

    /// <summary>The kind of input at fault.</summary>
    public InputField Input { get; }

    /// <summary>For <see cref="InputField.Model"/> and <see cref="InputField.Cluster"/>, the figure at fault.</summary>
    public SpecField? Spec { get; }

    /// <summary>For an efficiency, a search-space set or a file field, its name ("Matmul", "ZeroStages", "num_attention_heads").</summary>
    public string? Key { get; }

    /// <summary>The field at fault for people, e.g. "Model.Heads", "Settings.SequenceLength" or "config.json: hidden_size".</summary>
    public string Field => NameOf(Input, Spec, Key);

    /// <summary>What is wrong, e.g. "is 0 but must be an integer from 1 to 65536".</summary>
    public string Rule { get; }

    /// <summary>The field and the rule, in one line.</summary>
    public override string Message => Field + " " + Rule;

    /// <summary>"Model.Heads", "Settings.SequenceLength", "Efficiency.Matmul", "Space.ZeroStages", "step", "config.json: hidden_size".</summary>
    public static string NameOf(InputField input, SpecField? spec, string? key) => input switch
    {
        InputField.Model => "Model." + spec,
        InputField.Cluster => "Cluster." + spec,
        InputField.Efficiency => "Efficiency." + key,
        InputField.SearchSpace => "Space." + key,
        InputField.Config => string.IsNullOrEmpty(key) ? "config.json" : "config.json: " + key,
        InputField.Preset => "preset",
        InputField.Parallelism or InputField.GpusPerNode or InputField.MinGpus or InputField.MaxGpus or InputField.MaxSequence or InputField.Step =>
            char.ToLowerInvariant(input.ToString()[0]) + input.ToString()[1..],
        _ => "Settings." + input,
    };

    /// <inheritdoc/>
    public PlanInputException()
        : this(InputField.Config, null, null, "is not valid")
    {
    }

    /// <inheritdoc/>
    public PlanInputException(string message)
        : this(InputField.Config, null, null, message)
    {
    }

    /// <inheritdoc/>
    public PlanInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Input = InputField.Config;
        Rule = message;
    }
}
