using System.CommandLine;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Results;
using PresetPlanner.Settings;
using PresetPlanner.Specs;

namespace PresetPlanner.Cli.Input;

/// <summary>A training budget and a price: <c>--tokens 15T --gpu-hour-price 2.5</c>.</summary>
/// <param name="Tokens">Tokens to train on.</param>
/// <param name="Price">Price of one GPU-hour, or null.</param>
/// <param name="Reliability">Failures, restarts and checkpoint storage, for the time to train with failures.</param>
internal readonly record struct Budget(double Tokens, double? Price, Reliability Reliability)
{
    /// <summary>The goodput of <paramref name="row"/> on <paramref name="cluster"/> with this budget's reliability (<see cref="Goodput.Of"/>).</summary>
    public Goodput GoodputOf(in StrategyResult row, in ModelSpec model, in TrainingSettings settings, in ClusterSpec cluster) =>
        Goodput.Of(row, model, settings, cluster, Reliability);
}

/// <summary><c>--tokens</c> and <c>--gpu-hour-price</c>: time to train, GPU-hours, GPU board energy and cost.</summary>
internal sealed class BudgetOptions
{
    public Option<string?> Tokens { get; } = Options.Text("--tokens", "Training budget in tokens (15T, 300B, 2.5e12): adds days, GPU-hours, GPU energy and, with --gpu-hour-price, cost");

    public Option<string?> Price { get; } = Options.Text("--gpu-hour-price", "Price of one GPU-hour, for the cost of --tokens (a number in your currency)");

    public Option<string?> FailureRate { get; } = Options.Text("--failures-per-gpu-hour", "Interruptions per GPU-hour, for the time to train with failures (default Llama 3's 419 in 54 days on 16,384 GPUs, 1.97e-5)");

    public Option<string?> Restart { get; } = Options.Text("--restart-minutes", "Minutes from an interruption to training again, checkpoint load not included (default 10)");

    public Option<string?> StorageWrite { get; } = Options.Text("--storage-write-gbps", "Checkpoint write bandwidth per server, GB/s (default the cluster preset's, else 2: DGX SuperPOD's \"good\"; reads at twice it)");

    public Option<bool> AsyncCheckpoint { get; } = new("--async-checkpoint") { Description = "Checkpoint asynchronously: training blocks only for the copy to host memory" };

    public void AddTo(Command command)
    {
        command.Add(Tokens);
        command.Add(Price);
        command.Add(FailureRate);
        command.Add(Restart);
        command.Add(StorageWrite);
        command.Add(AsyncCheckpoint);
    }

    /// <summary>The budget, or null without <c>--tokens</c>.</summary>
    public Budget? Read(ParseResult pr)
    {
        double? price = pr.GetValue(Price) is string p ? Numbers.Real("--gpu-hour-price", p, 0, 1e6) : null;
        if (pr.GetValue(Tokens) is not string text)
        {
            string? without = price is not null ? "--gpu-hour-price prices a training budget"
                : pr.GetValue(FailureRate) is not null || pr.GetValue(Restart) is not null || pr.GetValue(StorageWrite) is not null || pr.GetValue(AsyncCheckpoint)
                    ? "the failure and checkpoint flags size the time to train with failures"
                    : null;
            return without is null ? null : throw new UsageException(without + ": give --tokens too");
        }

        var reliability = new Reliability { AsyncCheckpoint = pr.GetValue(AsyncCheckpoint) };
        if (pr.GetValue(FailureRate) is string rate)
        {
            reliability = reliability with { FailuresPerGpuHour = Numbers.Real("--failures-per-gpu-hour", rate, 1e-9, 1) };
        }

        if (pr.GetValue(Restart) is string restart)
        {
            reliability = reliability with { RestartSeconds = 60 * Numbers.Real("--restart-minutes", restart, 0, 10_000) };
        }

        if (pr.GetValue(StorageWrite) is string write)
        {
            reliability = reliability with { WriteBytesPerSecondPerNode = 1e9 * Numbers.Real("--storage-write-gbps", write, 0.01, 10_000) };
        }

        return new Budget(TokenCount(text), price, reliability);
    }

    /// <summary>"15T" = 1.5e13, "300B", "2M", "1e12": between one million and 1e16 tokens (<see cref="BudgetText.TryParseTokens"/>).</summary>
    public static double TokenCount(string text) => BudgetText.TryParseTokens(text, out double tokens)
        ? tokens
        : throw new UsageException($"--tokens: '{InputFile.Printable(text)}' is not a token count from 1M to 10,000T, like 15T, 300B or 2.5e12");
}
