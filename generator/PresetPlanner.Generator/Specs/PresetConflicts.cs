using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using PresetPlanner.Generator.Helpers;

namespace PresetPlanner.Generator.Specs;

/// <summary>A preset that must not be emitted because an earlier file (by ordinal path) took its id or member name.</summary>
/// <param name="Path">The losing file.</param>
/// <param name="IsDuplicateId">True for a duplicate id, false for an identifier collision.</param>
/// <param name="Id">The losing file's id.</param>
/// <param name="Identifier">The losing file's member name.</param>
/// <param name="Other">What it collides with, in words.</param>
internal sealed record PresetConflict(string Path, bool IsDuplicateId, string Id, string Identifier, string Other);

/// <summary>Every conflict among the valid presets, computed from positions-free identities.</summary>
internal sealed record PresetConflicts(EquatableArray<PresetConflict> Items)
{
    /// <summary>Member names the generated catalog itself uses.</summary>
    public static readonly ImmutableHashSet<string> Reserved = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Presets", "Models", "Gpus", "Clusters", "All", "Ids", "Count", "IndexOf", "TryGet", "InfoAt", "Spec");

    public bool Excludes(string path) => Items.Any(c => c.Path == path);

    public PresetConflict? For(string path) => Items.FirstOrDefault(c => c.Path == path);

    public static PresetConflicts Find(ImmutableArray<PresetIdentity> identities)
    {
        var ids = new Dictionary<string, PresetIdentity>(StringComparer.Ordinal);
        var identifiers = new Dictionary<string, PresetIdentity>(StringComparer.Ordinal);
        var conflicts = new List<PresetConflict>();
        foreach (PresetIdentity identity in identities.OrderBy(i => i.Path, StringComparer.Ordinal))
        {
            if (ids.TryGetValue(identity.Id, out PresetIdentity? first))
            {
                conflicts.Add(new PresetConflict(identity.Path, true, identity.Id, identity.Identifier, PresetPathsText(first.Path)));
                continue;
            }

            if (Reserved.Contains(identity.Identifier))
            {
                conflicts.Add(new PresetConflict(identity.Path, false, identity.Id, identity.Identifier, "is reserved by the generated catalog"));
                continue;
            }

            if (identifiers.TryGetValue(identity.Identifier, out PresetIdentity? owner))
            {
                conflicts.Add(new PresetConflict(identity.Path, false, identity.Id, identity.Identifier, $"preset '{owner.Id}' ({PresetPathsText(owner.Path)}) already generates"));
                continue;
            }

            ids.Add(identity.Id, identity);
            identifiers.Add(identity.Identifier, identity);
        }

        return new PresetConflicts(EquatableArray.From(conflicts));
    }

    private static string PresetPathsText(string path) => Parsing.PresetPaths.FileName(path);
}
