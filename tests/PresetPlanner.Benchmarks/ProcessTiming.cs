using System.Diagnostics;
using System.Globalization;

namespace PresetPlanner.Benchmarks;

/// <summary>
/// Times whole commands as a user waits for them, from process start to exit, with their output read and discarded:
/// the commands run in turn (A, B, C, A, B, C, ...) so that a change in the shared host's speed touches each alike, after
/// warm-up runs that fill the page cache. Prints the minimum, median and 90th percentile of each command's wall time and
/// its median as a multiple of the first command's (docs/performance.md, "The native tool").
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/PresetPlanner.Benchmarks -- process-timing [--runs N] "python3 -c pass"
/// "/path/to/preset-planner"</c>: each command is split at spaces (no quoting) and started directly, without a shell.
/// </remarks>
internal static class ProcessTiming
{
    private const int WarmupRuns = 3;

    /// <summary>Runs the harness on <paramref name="args"/> (the words after <c>process-timing</c>); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int runs = 30;
        var commands = new List<string[]>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out runs) && runs > 0)
            {
                i++;
            }
            else
            {
                commands.Add(args[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        if (commands.Count == 0 || commands.Any(c => c.Length == 0))
        {
            Console.Error.WriteLine("usage: process-timing [--runs N] \"command one\" \"command two\" ...");
            return 2;
        }

        double[][] seconds = [.. commands.Select(_ => new double[runs])];
        for (int round = -WarmupRuns; round < runs; round++)
        {
            for (int c = 0; c < commands.Count; c++)
            {
                double elapsed = Time(commands[c]);
                if (round >= 0)
                {
                    seconds[c][round] = elapsed;
                }
            }
        }

        double baseline = Median(seconds[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} runs each, alternating, after {WarmupRuns} warm-up rounds; wall time in ms"));
        Console.WriteLine("| command | min | median | p90 | median / first |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int c = 0; c < commands.Count; c++)
        {
            double[] sorted = [.. seconds[c].Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{string.Join(' ', commands[c])}` | {sorted[0] * 1e3:F1} | {Median(sorted) * 1e3:F1} | {sorted[(int)Math.Ceiling(0.9 * (sorted.Length - 1))] * 1e3:F1} | {Median(sorted) / baseline:F2} |"));
        }

        return 0;
    }

    private static double Time(string[] command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        long start = Stopwatch.GetTimestamp();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + command[0]);
        Task drainOut = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        Task drainErr = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        process.WaitForExit();
        Task.WaitAll(drainOut, drainErr);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
