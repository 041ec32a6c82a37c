namespace PresetPlanner.Cli.Output;

/// <summary>
/// A table with rounded borders in the layout Spectre.Console's <c>TableBorder.Rounded</c> prints (cells left-aligned,
/// one space of padding each side), written line by line so that a table of any length holds no more than one row: the
/// plan's <c>--all</c> streams through it (Spectre builds the whole table in memory first). A test holds the two to the
/// same output.
/// </summary>
internal static class RoundedTable
{
    /// <summary>The widest cell of each column, the header's included.</summary>
    public static int[] Widths(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        int[] widths = [.. header.Select(h => h.Length)];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        return widths;
    }

    /// <summary>Writes <paramref name="columns"/> of <paramref name="header"/> and <paramref name="rows"/>, each column <paramref name="widths"/> wide.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IReadOnlyList<int> columns, int[] widths, IEnumerable<string[]> rows)
    {
        var line = new System.Text.StringBuilder();
        Border(writer, line, columns, widths, '╭', '┬', '╮');
        Cells(writer, line, header, columns, widths);
        Border(writer, line, columns, widths, '├', '┼', '┤');
        foreach (string[] row in rows)
        {
            Cells(writer, line, row, columns, widths);
        }

        Border(writer, line, columns, widths, '╰', '┴', '╯');
    }

    private static void Border(TextWriter writer, System.Text.StringBuilder line, IReadOnlyList<int> columns, int[] widths, char left, char middle, char right)
    {
        line.Clear().Append(left);
        for (int i = 0; i < columns.Count; i++)
        {
            line.Append('─', widths[columns[i]] + 2).Append(i < columns.Count - 1 ? middle : right);
        }

        writer.Write(line.Append('\n'));
    }

    // One row; a cell longer than its column wraps at spaces onto the row's next lines, as Spectre wraps it.
    private static void Cells(TextWriter writer, System.Text.StringBuilder line, IReadOnlyList<string> cells, IReadOnlyList<int> columns, int[] widths)
    {
        string[] rest = [.. columns.Select(c => cells[c])];
        do
        {
            line.Clear().Append('│');
            for (int i = 0; i < rest.Length; i++)
            {
                int width = widths[columns[i]];
                (string part, rest[i]) = Split(rest[i], width);
                line.Append(' ').Append(part).Append(' ', width - part.Length).Append(" │");
            }

            writer.Write(line.Append('\n'));
        }
        while (rest.Any(r => r.Length > 0));
    }

    // The first line of a cell wrapped at a width (at the last space that fits, else cut) and what remains.
    private static (string First, string Remainder) Split(string text, int width)
    {
        if (text.Length <= width)
        {
            return (text, string.Empty);
        }

        int cut = text.LastIndexOf(' ', width);
        return cut > 0 ? (text[..cut], text[(cut + 1)..]) : (text[..width], text[width..]);
    }

    /// <summary>
    /// Narrows the widest columns of <paramref name="columns"/> until the table fits <paramref name="width"/> (their
    /// cells then wrap), never below their header or 10 characters.
    /// </summary>
    public static int[] Fit(IReadOnlyList<string> header, IReadOnlyList<int> columns, int[] widths, int width)
    {
        int[] fitted = [.. widths];
        int total = 1 + columns.Sum(c => fitted[c] + 3);
        while (total > width)
        {
            int widest = columns.MaxBy(c => fitted[c]);
            int floor = Math.Max(10, header[widest].Length);
            if (fitted[widest] <= floor)
            {
                break;
            }

            // One character at a time off whichever column is widest, so the wide columns end up even.
            fitted[widest]--;
            total--;
        }

        return fitted;
    }
}
