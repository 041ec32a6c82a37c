using System;
using System.Text.Json;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.Files;

/// <summary>
/// The one parse of a JSON configuration a user gives (a Hugging Face <c>config.json</c>, a DeepSpeed config): invalid
/// JSON and strings that are no text (an escape such as \ud800 without its pair, valid JSON that would throw deep inside
/// a reader later) are refused as <see cref="InputField.Config"/> with their place.
/// </summary>
internal static class ConfigJson
{
    /// <summary>The document of <paramref name="text"/>, checked.</summary>
    /// <exception cref="PlanInputException">The text is not valid JSON, or holds an unpaired surrogate escape.</exception>
    public static JsonDocument Parse(string text, JsonDocumentOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, options);
        }
        catch (JsonException ex)
        {
            throw new PlanInputException(InputField.Config, string.Empty, $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        RefuseUnpairedSurrogates(text, document, options);
        return document;
    }

    // Every string and property name is read once, and the first that is no text is refused with its position.
    private static void RefuseUnpairedSurrogates(string text, JsonDocument document, JsonDocumentOptions options)
    {
        if (!text.Contains("\\u", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = options.MaxDepth, CommentHandling = options.CommentHandling, AllowTrailingCommas = options.AllowTrailingCommas });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    document.Dispose();
                    (int line, int column) = InputFile.LineAndColumn(utf8, (int)reader.TokenStartIndex);
                    throw new PlanInputException(InputField.Config, string.Empty, $"holds a string with an unpaired surrogate escape (such as \\ud800) at line {line}, column {column}; write the character itself or a valid pair");
                }
            }
        }
    }
}
