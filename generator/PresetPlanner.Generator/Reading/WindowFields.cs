namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The optional "window" object of a model preset: local attention within a sliding window or chunk, with every n-th
/// layer global. Ranges are the validator's.
/// </summary>
internal readonly record struct WindowFields(int Size, bool Chunked, int GlobalEvery)
{
    public static WindowFields Read(PresetReader r)
    {
        if (!r.Object("window"))
        {
            return default;
        }

        int? size = r.Integer("window.size", true, "\"size\": 4096");
        bool chunked = r.Bool("window.chunked", false, "\"chunked\": true") ?? false;
        int globalEvery = r.Integer("window.globalEvery", false, "\"globalEvery\": 6") ?? 0;
        return new WindowFields(size ?? 0, chunked, globalEvery);
    }
}
