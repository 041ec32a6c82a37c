using System.Text;
using Microsoft.CodeAnalysis.Text;
using PresetPlanner.Generator.Diagnostics;

namespace PresetPlanner.Generator.Parsing;

/// <summary>Maps the UTF-8 byte offsets that <c>Utf8JsonReader</c> reports to character spans, lines and columns.</summary>
internal sealed class SourcePositions
{
    private readonly string _path;
    private readonly SourceText _text;
    private readonly int[] _charOfByte;

    public SourcePositions(string path, SourceText text, string content, byte[] utf8)
    {
        _path = path;
        _text = text;
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

    public LocationInfo Locate(int startByte, int endByte)
    {
        int start = CharAt(startByte);
        int end = System.Math.Max(start, CharAt(endByte));
        var span = TextSpan.FromBounds(start, end);
        return new LocationInfo(_path, span, _text.Lines.GetLinePositionSpan(span));
    }

    /// <summary>A location from the 0-based line and byte-in-line position of a <c>JsonException</c>.</summary>
    public LocationInfo LocateLineByte(int line, int byteInLine)
    {
        if (line >= _text.Lines.Count)
        {
            line = _text.Lines.Count - 1;
        }

        TextLine textLine = _text.Lines[line];
        string lineText = textLine.ToString();
        int column = 0;
        int bytes = 0;
        while (column < lineText.Length && bytes < byteInLine)
        {
            bytes += Encoding.UTF8.GetByteCount(lineText.Substring(column, 1));
            column++;
        }

        int position = textLine.Start + column;
        var span = new TextSpan(position, 0);
        return new LocationInfo(_path, span, _text.Lines.GetLinePositionSpan(span));
    }

    private int CharAt(int byteOffset) =>
        _charOfByte[byteOffset < 0 ? 0 : byteOffset >= _charOfByte.Length ? _charOfByte.Length - 1 : byteOffset];
}
