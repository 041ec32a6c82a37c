namespace PresetPlanner.Cli.Output;

/// <summary>
/// Which columns of the plan table fit a width: the degree columns go first (the Strategy column already says
/// "TP=2, PP=8, CP=4"), then the communication and bubble columns; <c>--wide</c> keeps them all.
/// </summary>
internal static class TableWidth
{
    /// <summary>The width a table must fit when the terminal's is unknown (redirected output).</summary>
    public const int Default = 120;

    private static readonly string[] s_dropOrder = ["TP", "PP", "DP", "CP", "EP", "VP", "NVLink share", "Comm/GPU/step (GB)", "SP", "Bubble", "MBS"];

    /// <summary>
    /// The indices of <paramref name="header"/> to print so that a rounded table whose columns are
    /// <paramref name="widths"/> wide (<see cref="RoundedTable.Widths"/>) fits <paramref name="width"/>.
    /// </summary>
    public static int[] Choose(string[] header, int[] widths, int width)
    {
        var keep = Enumerable.Range(0, header.Length).ToList();
        foreach (string column in s_dropOrder)
        {
            if (Measure(widths, keep) <= width)
            {
                break;
            }

            keep.Remove(Array.IndexOf(header, column));
        }

        return [.. keep];
    }

    /// <summary>Characters a rounded table of these columns takes: each cell padded by one space each side, plus borders.</summary>
    public static int Measure(int[] widths, IReadOnlyList<int> columns) => 1 + columns.Sum(c => widths[c] + 3);
}
