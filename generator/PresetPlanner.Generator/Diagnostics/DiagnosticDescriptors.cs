using System;
using Microsoft.CodeAnalysis;
using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Diagnostics;

/// <summary>
/// The Roslyn side of the rule catalog: one <see cref="DiagnosticDescriptor"/> per rule of <see cref="PresetRules"/>,
/// where each id, title, message and severity is written once. The ids are passed here as constants so that the
/// release-tracking analyzer sees them (AnalyzerReleases.Unshipped.md); a test holds the file to the rules.
/// </summary>
internal static class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor InvalidJson = Describe(PresetRules.InvalidJsonId, PresetRules.InvalidJson);

    public static readonly DiagnosticDescriptor MissingProperty = Describe(PresetRules.MissingPropertyId, PresetRules.MissingProperty);

    public static readonly DiagnosticDescriptor UnknownProperty = Describe(PresetRules.UnknownPropertyId, PresetRules.UnknownProperty);

    public static readonly DiagnosticDescriptor WrongType = Describe(PresetRules.WrongTypeId, PresetRules.WrongType);

    public static readonly DiagnosticDescriptor OutOfRange = Describe(PresetRules.OutOfRangeId, PresetRules.OutOfRange);

    public static readonly DiagnosticDescriptor InconsistentShape = Describe(PresetRules.InconsistentShapeId, PresetRules.InconsistentShape);

    public static readonly DiagnosticDescriptor ImplausibleValue = Describe(PresetRules.ImplausibleValueId, PresetRules.ImplausibleValue);

    public static readonly DiagnosticDescriptor ParameterCountMismatch = Describe(PresetRules.ParameterCountMismatchId, PresetRules.ParameterCountMismatch);

    public static readonly DiagnosticDescriptor DuplicateId = Describe(PresetRules.DuplicateIdId, PresetRules.DuplicateId);

    public static readonly DiagnosticDescriptor IdentifierCollision = Describe(PresetRules.IdentifierCollisionId, PresetRules.IdentifierCollision);

    public static readonly DiagnosticDescriptor UnknownGpu = Describe(PresetRules.UnknownGpuId, PresetRules.UnknownGpu);

    public static readonly DiagnosticDescriptor UnknownEnumValue = Describe(PresetRules.UnknownEnumValueId, PresetRules.UnknownEnumValue);

    public static readonly DiagnosticDescriptor InvalidName = Describe(PresetRules.InvalidNameId, PresetRules.InvalidName);

    public static readonly DiagnosticDescriptor DuplicateProperty = Describe(PresetRules.DuplicatePropertyId, PresetRules.DuplicateProperty);

    private static readonly DiagnosticDescriptor[] s_all = [InvalidJson, MissingProperty, UnknownProperty, WrongType, OutOfRange, InconsistentShape, ImplausibleValue, ParameterCountMismatch, DuplicateId, IdentifierCollision, UnknownGpu, UnknownEnumValue, InvalidName, DuplicateProperty];

    /// <summary>The descriptor of <paramref name="rule"/>.</summary>
    public static DiagnosticDescriptor For(PresetRule rule)
    {
        foreach (DiagnosticDescriptor descriptor in s_all)
        {
            if (descriptor.Id == rule.Id)
            {
                return descriptor;
            }
        }

        throw new ArgumentException("no descriptor for " + rule.Id, nameof(rule));
    }

    private static DiagnosticDescriptor Describe(string id, PresetRule rule) => id == rule.Id
        ? new DiagnosticDescriptor(
            id,
            rule.Title,
            rule.MessageFormat,
            PresetRules.Category,
            rule.Severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true)
        : throw new ArgumentException(id + " is not the id of " + rule.Id, nameof(id));
}
