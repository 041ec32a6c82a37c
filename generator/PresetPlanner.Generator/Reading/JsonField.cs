namespace PresetPlanner.Generator.Reading;

/// <summary>One property of a preset document, with its dotted path ("moe.experts") and where it stands in the file.</summary>
internal sealed class JsonField
{
    public JsonField(string path, JsonKind kind, string text, int startByte, int endByte)
    {
        Path = path;
        Kind = kind;
        Text = text;
        StartByte = startByte;
        EndByte = endByte;
    }

    public string Path { get; }

    public JsonKind Kind { get; }

    /// <summary>The string value, the raw number text, or "true"/"false".</summary>
    public string Text { get; }

    /// <summary>Byte offset of the property name's opening quote.</summary>
    public int StartByte { get; }

    /// <summary>Byte offset just past the value.</summary>
    public int EndByte { get; }

    /// <summary>Set when a parser read this property; what stays unset is unknown.</summary>
    public bool Consumed { get; set; }

    public static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Bool => "a boolean",
        JsonKind.Null => "null",
        JsonKind.Object => "an object",
        _ => "an array",
    };
}
