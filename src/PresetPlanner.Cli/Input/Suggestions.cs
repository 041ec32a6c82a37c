namespace PresetPlanner.Cli.Input;

/// <summary>Nearest ids for a mistyped preset id, by edit distance.</summary>
internal static class Suggestions
{
    public static string[] Nearest(string typed, IEnumerable<string> candidates, int count = 3) => candidates
        .Select(c => (Id: c, Distance: Distance(typed.ToLowerInvariant(), c)))
        .OrderBy(x => x.Distance)
        .ThenBy(x => x.Id, StringComparer.Ordinal)
        .Take(count)
        .Select(x => x.Id)
        .ToArray();

    /// <summary>"unknown model 'x'; did you mean a, b, c? ('preset-planner list models' shows all)".</summary>
    public static UsageException Unknown(string kind, string typed, ReadOnlySpan<string> ids)
    {
        string list = kind == "GPU" ? "gpus" : kind + "s";
        return new UsageException($"unknown {kind} '{typed}'; did you mean {string.Join(", ", Nearest(typed, ids.ToArray()))}? ('preset-planner list {list}' shows all)");
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
