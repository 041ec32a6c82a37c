namespace PresetPlanner.Cli.Output;

/// <summary>
/// Text that reaches the terminal from outside (arguments, file names, presets' names): one line, no control character,
/// so nothing a user or a file supplies can move the cursor, retitle the window, ring the bell or start a second line.
/// </summary>
internal static class Terminal
{
    /// <summary>Longest piece of outside text quoted in a message.</summary>
    public const int MaxQuoted = 200;

    /// <summary>
    /// <paramref name="text"/> on one line: line breaks (CR, LF, NEL, U+2028, U+2029) become spaces, runs of spaces
    /// collapse, and every other control character (C0, DEL, C1) becomes '?'.
    /// </summary>
    public static string OneLine(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            bool lineBreak = c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';
            if (lineBreak || c == ' ')
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(char.IsControl(c) ? '?' : c);
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Outside text quoted in a message: <see cref="OneLine"/>, at most <see cref="MaxQuoted"/> characters.</summary>
    public static string Quoted(string text)
    {
        string clean = OneLine(text);
        return clean.Length > MaxQuoted ? clean[..MaxQuoted] + "..." : clean;
    }
}
