namespace PresetPlanner.Generator.Catalog;

/// <summary>Why a valid preset is left out of the catalog.</summary>
internal enum RejectionKind
{
    /// <summary>Another preset owns its id (PP0009).</summary>
    DuplicateId,

    /// <summary>Another preset, or the catalog itself, owns its member name (PP0010).</summary>
    IdentifierCollision,

    /// <summary>A cluster names a GPU that is not in the catalog (PP0011).</summary>
    UnknownGpu,

    /// <summary>A cluster's nodes do not fit its GPU's scale-up domain (PP0006).</summary>
    InconsistentPlacement,
}
