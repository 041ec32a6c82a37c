namespace PresetPlanner.Generator.Reading;

/// <summary>How bad a broken <see cref="PresetRule"/> is: a warning still emits the preset, an error does not.</summary>
internal enum RuleSeverity
{
    /// <summary>The preset is still emitted; this repository's build treats it as an error.</summary>
    Warning,

    /// <summary>The preset gets no source.</summary>
    Error,
}
