namespace PresetPlanner.Generator.Reading;

/// <summary>The JSON type of a property value.</summary>
internal enum JsonKind
{
    String,
    Number,
    Bool,
    Null,
    Object,
    Array,
}
