using System;
using System.Text;

namespace PresetPlanner.Generator.Reading;

/// <summary>Maps the UTF-8 byte offsets that <c>Utf8JsonReader</c> reports to character spans, lines and columns.</summary>
internal sealed class SourcePositions
{
    private readonly string _path;
    private readonly TextLines _lines;
    private readonly int[] _charOfByte;

    public SourcePositions(string path, string content, byte[] utf8)
    {
        _path = path;
        _lines = new TextLines(content);
        _charOfByte = new int[utf8.Length + 1];
        int charIndex = 0;
        int byteIndex = 0;
        while (charIndex < content.Length)
        {
            int charCount = char.IsHighSurrogate(content[charIndex]) && charIndex + 1 < content.Length ? 2 : 1;
            int byteCount = Encoding.UTF8.GetByteCount(content.ToCharArray(charIndex, charCount));
            for (int b = 0; b < byteCount && byteIndex + b < _charOfByte.Length; b++)
            {
                _charOfByte[byteIndex + b] = charIndex;
            }

            byteIndex += byteCount;
            charIndex += charCount;
        }

        for (int b = byteIndex; b < _charOfByte.Length; b++)
        {
            _charOfByte[b] = content.Length;
        }
    }

    public PresetLocation Locate(int startByte, int endByte)
    {
        int start = CharAt(startByte);
        int end = Math.Max(start, CharAt(endByte));
        return Span(start, end);
    }

    /// <summary>A location from the 0-based line and byte-in-line position of a <c>JsonException</c>.</summary>
    public PresetLocation LocateLineByte(int line, int byteInLine)
    {
        if (line >= _lines.Count)
        {
            line = _lines.Count - 1;
        }

        string lineText = _lines.LineText(line);
        int column = 0;
        int bytes = 0;
        while (column < lineText.Length && bytes < byteInLine)
        {
            bytes += Encoding.UTF8.GetByteCount(lineText.ToCharArray(column, 1));
            column++;
        }

        int position = _lines.StartOf(line) + column;
        return Span(position, position);
    }

    private PresetLocation Span(int start, int end)
    {
        (int startLine, int startColumn) = _lines.PositionOf(start);
        (int endLine, int endColumn) = _lines.PositionOf(end);
        return new PresetLocation(_path, start, end, startLine, startColumn, endLine, endColumn);
    }

    private int CharAt(int byteOffset) =>
        _charOfByte[byteOffset < 0 ? 0 : byteOffset >= _charOfByte.Length ? _charOfByte.Length - 1 : byteOffset];
}
