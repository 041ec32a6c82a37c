using System;
using System.Collections.Generic;

namespace PresetPlanner.Generator.Reading;

/// <summary>
/// The lines of a text as the C# compiler counts them (Roslyn's <c>SourceText.Lines</c>): a line ends at CR LF, CR, LF,
/// NEL (U+0085), LS (U+2028) or PS (U+2029), so the line and column of a problem match what the build prints.
/// </summary>
internal sealed class TextLines
{
    private readonly int[] _starts;

    public TextLines(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                starts.Add(i + 1);
            }
        }

        _starts = starts.ToArray();
        Text = text;
    }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>Number of lines; a text that ends in a line break has an empty last line.</summary>
    public int Count => _starts.Length;

    /// <summary>Index of the first character of <paramref name="line"/>.</summary>
    public int StartOf(int line) => _starts[line];

    /// <summary>The text of <paramref name="line"/>, without its line break.</summary>
    public string LineText(int line)
    {
        int start = _starts[line];
        int end = line + 1 < _starts.Length ? _starts[line + 1] : Text.Length;
        while (end > start && Text[end - 1] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
        {
            end--;
        }

        return Text.Substring(start, end - start);
    }

    /// <summary>The 0-based line and column of the character at <paramref name="position"/>.</summary>
    public (int Line, int Column) PositionOf(int position)
    {
        int line = Array.BinarySearch(_starts, position);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line, position - _starts[line]);
    }
}
