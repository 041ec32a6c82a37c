using PresetPlanner.Generator.Diagnostics;

namespace PresetPlanner.Generator.Parsing;

/// <summary>The fields every preset kind has: id, identifier, name and source.</summary>
internal sealed record CommonFields(string Id, string Identifier, string Name, string Source)
{
    public static CommonFields? Read(PresetReader reader)
    {
        string? id = reader.String("id", required: true, "\"id\": \"my-preset-1b\"");
        if (id is not null && !Identifiers.IsValidId(id))
        {
            reader.Report(DiagnosticDescriptors.InvalidName, "id", "id", Identifiers.Shorten(id), $"use at most {Identifiers.MaxLength} lower-case letters and digits in parts joined by '-' or '.', e.g. \"llama-3.1-70b\"");
            id = null;
        }

        string? identifier = reader.String("identifier", required: false, "\"identifier\": \"MyPreset1B\"");
        if (identifier is not null && !Identifiers.IsValidIdentifier(identifier))
        {
            reader.Report(DiagnosticDescriptors.InvalidName, "identifier", "identifier", Identifiers.Shorten(identifier), $"use an ASCII C# identifier of at most {Identifiers.MaxLength} characters that is not a keyword, e.g. \"Llama70B\"");
            identifier = null;
        }

        string? name = reader.String("name", required: true, "\"name\": \"My Preset 1B\"");
        string? source = reader.String("source", required: true, "\"source\": \"paper or model card that states these figures\"");
        if (name is not null && name.Trim().Length == 0)
        {
            reader.Report(DiagnosticDescriptors.OutOfRange, "name", "name", "empty", "a display name");
        }

        if (source is not null && source.Trim().Length == 0)
        {
            reader.Report(DiagnosticDescriptors.OutOfRange, "source", "source", "empty", "a citation of where the figures come from");
        }

        if (id is null || name is null || source is null || name.Trim().Length == 0 || source.Trim().Length == 0)
        {
            return null;
        }

        return new CommonFields(id, identifier ?? Identifiers.FromId(id), name, source);
    }
}
