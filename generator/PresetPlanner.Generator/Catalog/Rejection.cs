using PresetPlanner.Generator.Reading;

namespace PresetPlanner.Generator.Catalog;

/// <summary>A preset left out of the catalog, and the message arguments of its diagnostic.</summary>
/// <param name="Path">The preset file.</param>
/// <param name="Kind">Why.</param>
/// <param name="Arguments">The diagnostic's arguments after the file name.</param>
internal sealed record Rejection(string Path, RejectionKind Kind, EquatableArray<string> Arguments);
