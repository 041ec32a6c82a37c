using Microsoft.CodeAnalysis;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>Every diagnostic the preset generator reports. IDs are tracked in AnalyzerReleases.Unshipped.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "PresetPlanner.Presets";

    public static readonly DiagnosticDescriptor InvalidJson = Error(
        "PP0001", "Preset file is not valid JSON",
        "Preset file '{0}' is not valid JSON: {1}; fix the syntax at this position");

    public static readonly DiagnosticDescriptor MissingProperty = Error(
        "PP0002", "Required property missing",
        "Preset '{0}' has no required property '{1}'; add it ({2}), see presets/schema/{3}.schema.json");

    public static readonly DiagnosticDescriptor UnknownProperty = Warning(
        "PP0003", "Unknown property",
        "Preset '{0}' has an unknown property '{1}'; remove it or correct its spelling (known properties are in presets/schema/{2}.schema.json)");

    public static readonly DiagnosticDescriptor WrongType = Error(
        "PP0004", "Property has the wrong JSON type",
        "Preset '{0}': property '{1}' must be {2}, not {3}; write it as {2}");

    public static readonly DiagnosticDescriptor OutOfRange = Error(
        "PP0005", "Value out of range",
        "Preset '{0}': property '{1}' is {2} but must be {3}; correct the value");

    public static readonly DiagnosticDescriptor InconsistentShape = Error(
        "PP0006", "Inconsistent model or cluster shape",
        "Preset '{0}': {1}; {2}");

    public static readonly DiagnosticDescriptor ImplausibleValue = Warning(
        "PP0007", "Implausible value",
        "Preset '{0}': property '{1}' is {2}, which is implausible ({3}); check it against the source");

    public static readonly DiagnosticDescriptor ParameterCountMismatch = Warning(
        "PP0008", "Stated parameter count disagrees with the shape",
        "Preset '{0}': stated parameter count {1} differs by {2} from {3} computed from the shape (more than 2%); check layers, hidden, FFN, vocabulary and experts against the source, or correct 'statedParameters'");

    public static readonly DiagnosticDescriptor DuplicateId = Error(
        "PP0009", "Duplicate preset id",
        "Preset id '{0}' is already used by '{1}'; give this preset a unique id");

    public static readonly DiagnosticDescriptor IdentifierCollision = Error(
        "PP0010", "Generated identifier collision",
        "Preset '{0}' would generate the member 'Presets.{1}', which {2}; set a distinct \"identifier\"");

    public static readonly DiagnosticDescriptor UnknownGpu = Error(
        "PP0011", "Cluster names an unknown GPU",
        "Cluster '{0}' names GPU '{1}', which is not a preset; use one of: {2}");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
        "PP0012", "Unknown enumeration value",
        "Preset '{0}': property '{1}' is '{2}'; use one of: {3}");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "PP0013", "Invalid id or identifier",
        "Preset '{0}': {1} '{2}' is not valid; {3}");

    public static readonly DiagnosticDescriptor DuplicateProperty = Error(
        "PP0014", "Duplicate property",
        "Preset '{0}': property '{1}' appears more than once; keep one");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
