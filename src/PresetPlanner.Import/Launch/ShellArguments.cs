using System;
using System.Collections.Generic;
using System.Text;

namespace PresetPlanner.Import.Launch;

/// <summary>
/// The <c>--flag value</c> arguments of a launch script or an argument list: backslash line continuations joined,
/// <c>#</c> comments dropped, single and double quotes removed, <c>--flag=value</c> split. The launcher's flags before
/// the training script (<c>torchrun --nproc_per_node 8 pretrain_gpt.py</c>) are dropped; a flag's values are the words up
/// to the next flag.
/// </summary>
internal static class ShellArguments
{
    /// <summary>The flags of <paramref name="text"/> in order, each with its values (empty for a switch).</summary>
    public static List<(string Flag, List<string> Values)> Parse(string text)
    {
        var flags = new List<(string Flag, List<string> Values)>();
        foreach (string word in Words(text))
        {
            // The training script's name ends the launcher's own flags (torchrun --nproc_per_node 8 ... pretrain_gpt.py); a
            // ".py" value of a training argument (a tokenizer module, say) does not.
            if (word.EndsWith(".py", StringComparison.Ordinal) && flags.TrueForAll(f => s_launcher.Contains(f.Flag)))
            {
                flags.Clear();
            }
            else if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            {
                int equals = word.IndexOf('=', StringComparison.Ordinal);
                flags.Add(equals > 0 ? (word[..equals], [word[(equals + 1)..]]) : (word, []));
            }
            else if (flags.Count > 0)
            {
                flags[^1].Values.Add(word);
            }
        }

        return flags;
    }

    // torchrun's own flags (torch.distributed.run), in both spellings it accepts.
    private static readonly HashSet<string> s_launcher = new(StringComparer.Ordinal)
    {
        "--nproc_per_node", "--nproc-per-node", "--nnodes", "--node_rank", "--node-rank", "--master_addr", "--master-addr",
        "--master_port", "--master-port", "--rdzv_endpoint", "--rdzv-endpoint", "--rdzv_backend", "--rdzv-backend",
        "--rdzv_id", "--rdzv-id", "--rdzv_conf", "--rdzv-conf", "--standalone", "--max_restarts", "--max-restarts",
        "--monitor_interval", "--monitor-interval", "--redirects", "--tee", "--log_dir", "--log-dir", "--no_python", "--no-python",
    };

    // Words of the text, shell-style: whitespace separates, quotes group, '#' at a word's start comments out the line,
    // a backslash before a line break joins the lines.
    internal static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '\n' || text[i + 1] == '\r'))
            {
                i++;
                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    yield return word.ToString();
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            if (c == '#' && !inWord)
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            word.Append(c);
            inWord = true;
        }

        if (inWord)
        {
            yield return word.ToString();
        }
    }
}
