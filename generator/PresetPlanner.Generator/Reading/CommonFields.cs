namespace PresetPlanner.Generator.Reading;

/// <summary>The fields every preset kind has: id, identifier, name and source.</summary>
internal sealed record CommonFields(string Id, string Identifier, string Name, string Source)
{
    public static CommonFields? Read(PresetReader reader, PresetKind kind)
    {
        string? id = reader.String("id", required: true, "\"id\": \"my-preset-1b\"");
        if (id is not null && !Identifiers.IsValidId(id))
        {
            reader.Report(PresetRules.InvalidName, "id", "id", Identifiers.Shorten(id), $"use at most {Identifiers.MaxLength} lower-case letters and digits in parts joined by '-' or '.', e.g. \"llama-3.1-70b\"");
            id = null;
        }

        string? identifier = reader.String("identifier", required: false, "\"identifier\": \"MyPreset1B\"");
        if (identifier is not null && Identifiers.Problem(identifier, kind) is string problem)
        {
            reader.Report(PresetRules.InvalidName, "identifier", "identifier", Identifiers.Shorten(identifier), problem);
            identifier = null;
        }
        else if (identifier is null && id is not null && Identifiers.ProblemOfMadeFromId(Identifiers.FromId(id), kind) is string madeFromId)
        {
            reader.Report(PresetRules.InvalidName, "id", "member name", Identifiers.FromId(id), madeFromId);
            id = null;
        }

        string? name = reader.String("name", required: true, "\"name\": \"My Preset 1B\"");
        string? source = reader.String("source", required: true, "\"source\": \"paper or model card that states these figures\"");
        if (name is not null && name.Trim().Length == 0)
        {
            reader.Report(PresetRules.OutOfRange, "name", "name", "empty", "a display name");
        }

        if (source is not null && source.Trim().Length == 0)
        {
            reader.Report(PresetRules.OutOfRange, "source", "source", "empty", "a citation of where the figures come from");
        }

        if (id is null || name is null || source is null || name.Trim().Length == 0 || source.Trim().Length == 0)
        {
            return null;
        }

        return new CommonFields(id, identifier ?? Identifiers.FromId(id), name, source);
    }
}
