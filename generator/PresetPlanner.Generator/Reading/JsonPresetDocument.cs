using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// A preset file read with <see cref="Utf8JsonReader"/> (comments and trailing commas allowed) into a flat list of
/// properties that remember their position, so every later diagnostic can point at the offending property.
/// </summary>
internal sealed class JsonPresetDocument
{
    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    private readonly Dictionary<string, JsonField> _fields = new(StringComparer.Ordinal);
    private readonly List<JsonField> _order = new();

    private JsonPresetDocument(SourcePositions positions) => Positions = positions;

    public SourcePositions Positions { get; }

    public IReadOnlyList<JsonField> Fields => _order;

    public List<(JsonField First, JsonField Repeat)> Duplicates { get; } = new();

    public JsonField? this[string path] => _fields.TryGetValue(path, out JsonField? field) ? field : null;

    /// <summary>Reads <paramref name="text"/>; returns null and sets <paramref name="error"/> when it is not a JSON object.</summary>
    public static JsonPresetDocument? Read(string path, string displayName, string text, CancellationToken ct, out PresetProblem? error)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var positions = new SourcePositions(path, text, utf8);
        var document = new JsonPresetDocument(positions);
        error = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, s_options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                int start = reader.TokenType == JsonTokenType.None ? 0 : (int)reader.TokenStartIndex;
                error = PresetProblem.Create(PresetRules.InvalidJson, positions.Locate(start, start), displayName, "the root must be a JSON object");
                return null;
            }

            document.ReadObject(ref reader, prefix: string.Empty, ct);
            while (reader.Read())
            {
                // Reading past the root object makes the reader throw on trailing content.
            }

            return document;
        }
        catch (UnpairedSurrogateException ex)
        {
            error = PresetProblem.Create(PresetRules.InvalidJson, positions.Locate(ex.TokenStart, ex.TokenStart), displayName, "a string holds an unpaired surrogate escape (such as \\ud800), which is no character; write the character itself or a valid pair");
            return null;
        }
        catch (JsonException ex)
        {
            string reason = ex.Message;
            int cut = reason.IndexOf(" LineNumber", StringComparison.Ordinal);
            reason = (cut > 0 ? reason.Substring(0, cut) : reason).Trim().TrimEnd('.');
            PresetLocation location = positions.LocateLineByte((int)(ex.LineNumber ?? 0), (int)(ex.BytePositionInLine ?? 0));
            error = PresetProblem.Create(PresetRules.InvalidJson, location, displayName, reason);
            return null;
        }
    }

    // A string or property name; an escape such as \ud800 without its pair decodes to no valid text (System.Text.Json
    // throws InvalidOperationException), which would crash the build or the tool instead of pointing at the string.
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new UnpairedSurrogateException((int)reader.TokenStartIndex);
        }
    }

    private void ReadObject(ref Utf8JsonReader reader, string prefix, CancellationToken ct)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            ct.ThrowIfCancellationRequested();
            int nameStart = (int)reader.TokenStartIndex;
            string name = prefix + Text(ref reader);
            reader.Read();
            JsonField field;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    field = new JsonField(name, JsonKind.Object, string.Empty, nameStart, (int)reader.TokenStartIndex + 1);
                    Add(field);
                    if (prefix.Length == 0)
                    {
                        ReadObject(ref reader, name + ".", ct);
                    }
                    else
                    {
                        reader.Skip();
                    }

                    continue;
                case JsonTokenType.StartArray:
                    int arrayStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    field = new JsonField(name, JsonKind.Array, string.Empty, nameStart, Math.Max(arrayStart + 1, (int)reader.BytesConsumed));
                    break;
                case JsonTokenType.String:
                    field = new JsonField(name, JsonKind.String, Text(ref reader), nameStart, (int)reader.BytesConsumed);
                    break;
                case JsonTokenType.Number:
                    field = new JsonField(name, JsonKind.Number, Encoding.UTF8.GetString(reader.ValueSpan.ToArray()), nameStart, (int)reader.BytesConsumed);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    field = new JsonField(name, JsonKind.Bool, reader.TokenType == JsonTokenType.True ? "true" : "false", nameStart, (int)reader.BytesConsumed);
                    break;
                default:
                    field = new JsonField(name, JsonKind.Null, "null", nameStart, (int)reader.BytesConsumed);
                    break;
            }

            Add(field);
        }
    }

    private void Add(JsonField field)
    {
        if (_fields.TryGetValue(field.Path, out JsonField? first))
        {
            Duplicates.Add((first, field));
            return;
        }

        _fields.Add(field.Path, field);
        _order.Add(field);
    }

    // Carries where the bad string starts to the catch that turns it into PP0001.
    private sealed class UnpairedSurrogateException : Exception
    {
        public UnpairedSurrogateException(int tokenStart) => TokenStart = tokenStart;

        public int TokenStart { get; }
    }
}
