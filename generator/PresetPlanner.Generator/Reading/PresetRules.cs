namespace PresetPlanner.Generator.Reading;

/// <summary>
/// Every rule of a preset file, each written once: the generator reports them as diagnostics (ids tracked in
/// AnalyzerReleases.Unshipped.md), and the run-time reader prints them as the compiler does.
/// </summary>
internal static class PresetRules
{
    /// <summary>The diagnostic category of every rule.</summary>
    public const string Category = "PresetPlanner.Presets";

    /// <summary>Id of <see cref="InvalidJson"/>.</summary>
    public const string InvalidJsonId = "PP0001";

    public static readonly PresetRule InvalidJson = Error(
        InvalidJsonId, "Preset file is not valid JSON",
        "Preset file '{0}' is not valid JSON: {1}; fix the syntax at this position");

    /// <summary>Id of <see cref="MissingProperty"/>.</summary>
    public const string MissingPropertyId = "PP0002";

    public static readonly PresetRule MissingProperty = Error(
        MissingPropertyId, "Required property missing",
        "Preset '{0}' has no required property '{1}'; add it ({2}), see presets/schema/{3}.schema.json");

    /// <summary>Id of <see cref="UnknownProperty"/>.</summary>
    public const string UnknownPropertyId = "PP0003";

    public static readonly PresetRule UnknownProperty = Warning(
        UnknownPropertyId, "Unknown property",
        "Preset '{0}' has an unknown property '{1}'; remove it or correct its spelling (known properties are in presets/schema/{2}.schema.json)");

    /// <summary>Id of <see cref="WrongType"/>.</summary>
    public const string WrongTypeId = "PP0004";

    public static readonly PresetRule WrongType = Error(
        WrongTypeId, "Property has the wrong JSON type",
        "Preset '{0}': property '{1}' must be {2}, not {3}; write it as {2}");

    /// <summary>Id of <see cref="OutOfRange"/>.</summary>
    public const string OutOfRangeId = "PP0005";

    public static readonly PresetRule OutOfRange = Error(
        OutOfRangeId, "Value out of range",
        "Preset '{0}': property '{1}' is {2} but must be {3}; correct the value");

    /// <summary>Id of <see cref="InconsistentShape"/>.</summary>
    public const string InconsistentShapeId = "PP0006";

    public static readonly PresetRule InconsistentShape = Error(
        InconsistentShapeId, "Inconsistent model or cluster shape",
        "Preset '{0}': {1}; {2}");

    /// <summary>Id of <see cref="ImplausibleValue"/>.</summary>
    public const string ImplausibleValueId = "PP0007";

    public static readonly PresetRule ImplausibleValue = Warning(
        ImplausibleValueId, "Implausible value",
        "Preset '{0}': property '{1}' is {2}, which is implausible ({3}); check it against the source");

    /// <summary>Id of <see cref="ParameterCountMismatch"/>.</summary>
    public const string ParameterCountMismatchId = "PP0008";

    public static readonly PresetRule ParameterCountMismatch = Warning(
        ParameterCountMismatchId, "Stated parameter count disagrees with the shape",
        "Preset '{0}': stated parameter count {1} differs by {2} from {3} computed from the shape (more than 2%); check layers, hidden, FFN, vocabulary and experts against the source, or correct 'statedParameters'");

    /// <summary>Id of <see cref="DuplicateId"/>.</summary>
    public const string DuplicateIdId = "PP0009";

    public static readonly PresetRule DuplicateId = Error(
        DuplicateIdId, "Duplicate preset id",
        "Preset id '{0}' is already used by '{1}'; give this preset a unique id");

    /// <summary>Id of <see cref="IdentifierCollision"/>.</summary>
    public const string IdentifierCollisionId = "PP0010";

    public static readonly PresetRule IdentifierCollision = Error(
        IdentifierCollisionId, "Generated identifier collision",
        "Preset '{0}' would generate the member 'Presets.{1}', which {2}; set a distinct \"identifier\"");

    /// <summary>Id of <see cref="UnknownGpu"/>.</summary>
    public const string UnknownGpuId = "PP0011";

    public static readonly PresetRule UnknownGpu = Error(
        UnknownGpuId, "Cluster names an unknown GPU",
        "Cluster '{0}' names GPU '{1}', which is not a preset; use one of: {2}");

    /// <summary>Id of <see cref="UnknownEnumValue"/>.</summary>
    public const string UnknownEnumValueId = "PP0012";

    public static readonly PresetRule UnknownEnumValue = Error(
        UnknownEnumValueId, "Unknown enumeration value",
        "Preset '{0}': property '{1}' is '{2}'; use one of: {3}");

    /// <summary>Id of <see cref="InvalidName"/>.</summary>
    public const string InvalidNameId = "PP0013";

    public static readonly PresetRule InvalidName = Error(
        InvalidNameId, "Invalid id or identifier",
        "Preset '{0}': {1} '{2}' is not valid; {3}");

    /// <summary>Id of <see cref="DuplicateProperty"/>.</summary>
    public const string DuplicatePropertyId = "PP0014";

    public static readonly PresetRule DuplicateProperty = Error(
        DuplicatePropertyId, "Duplicate property",
        "Preset '{0}': property '{1}' appears more than once; keep one");

    /// <summary>Every rule, in id order.</summary>
    public static readonly PresetRule[] All =
    [
        InvalidJson, MissingProperty, UnknownProperty, WrongType, OutOfRange, InconsistentShape, ImplausibleValue,
        ParameterCountMismatch, DuplicateId, IdentifierCollision, UnknownGpu, UnknownEnumValue, InvalidName, DuplicateProperty,
    ];

    private static PresetRule Error(string id, string title, string message) => new(id, title, message, RuleSeverity.Error);

    private static PresetRule Warning(string id, string title, string message) => new(id, title, message, RuleSeverity.Warning);
}
