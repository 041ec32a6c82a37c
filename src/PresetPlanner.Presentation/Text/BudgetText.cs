using System.Globalization;
using PresetPlanner.Results;
using PresetPlanner.Search;

namespace PresetPlanner.Presentation.Text;

/// <summary>Time to train as people read it: "15T tokens: 52.3 days on 64 GPUs, 80,351 GPU-hours, ...".</summary>
public static class BudgetText
{
    /// <summary>
    /// Reads a budget as people write it: "15T" (1.5e13), "300B", "2M", "2.5e12"; false unless it is a number from one
    /// million to 1e16 tokens.
    /// </summary>
    public static bool TryParseTokens(string? text, out double tokens)
    {
        tokens = 0;
        string t = (text ?? string.Empty).Trim();
        if (t.Length == 0 || t.Length > 32)
        {
            return false;
        }

        double scale = char.ToUpperInvariant(t[^1]) switch
        {
            'K' => 1e3,
            'M' => 1e6,
            'B' or 'G' => 1e9,
            'T' => 1e12,
            _ => 1,
        };
        string number = scale == 1 ? t : t[..^1].TrimEnd();
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value))
        {
            return false;
        }

        tokens = value * scale;
        return tokens is >= 1e6 and <= 1e16;
    }

    /// <summary>"15T", "300B", "2.5T": a token count as budgets are stated.</summary>
    public static string Tokens(double tokens) => tokens >= 1e12 ? Short(tokens / 1e12) + "T" : tokens >= 1e9 ? Short(tokens / 1e9) + "B" : Short(tokens / 1e6) + "M";

    /// <summary>One sentence with days, GPU-hours, GPU board energy (with the board power) and cost (with the price).</summary>
    /// <param name="t">The figures.</param>
    /// <param name="boardWatts">The GPU's board power, W; 0 says the energy is unknown.</param>
    /// <param name="price">The price per GPU-hour, or null.</param>
    public static string Sentence(in TimeToTrain t, double boardWatts, double? price)
    {
        string energy = t.EnergyMegawattHours is double mwh
            ? $"{Figure(mwh)} MWh of GPU board energy ({Units.Count(boardWatts)} W per GPU, hosts and cooling not included)"
            : "GPU energy unknown (the GPU preset states no board power)";
        string cost = t.Cost is double c && price is double p ? $", {Money(c)} at {Money(p, 2)} per GPU-hour" : string.Empty;
        return $"{Tokens(t.Tokens)} tokens: {Figure(t.Days)} days on {Units.Count(t.Gpus)} GPUs, {Units.Count(t.GpuHours)} GPU-hours, {energy}{cost}";
    }

    /// <summary>
    /// One sentence on the run with failures and checkpoints: the goodput, the days it takes, the interruptions expected
    /// and the checkpoint that sets it (docs/model.md, "Goodput").
    /// </summary>
    /// <param name="g">The goodput of the layout.</param>
    /// <param name="t">The ideal time to train.</param>
    public static string GoodputSentence(in Goodput g, in TimeToTrain t)
    {
        if (double.IsPositiveInfinity(g.MeanSecondsBetweenFailures))
        {
            return "with no failures (a failure rate of 0) the ideal time";
        }

        if (!(g.Fraction > 0))
        {
            return "with failures it never finishes: the job fails faster than it can checkpoint and restart";
        }

        double wall = g.WallSeconds(t.Seconds);
        string checkpoint = g.IntervalSeconds > 0
            ? $"a checkpoint of {Units.Gigabytes(g.CheckpointBytesPerGpu)} per GPU every {Duration(g.IntervalSeconds)} of training ({Duration(g.BlockingSeconds)} blocking)"
            : "checkpoints that cost nothing";
        return $"with failures {Units.Percent(g.Fraction)} goodput, {Figure(wall / TimeToTrain.SecondsPerDay)} days: "
            + $"{Units.Count(g.Interruptions(wall))} interruptions expected (one every {Duration(g.MeanSecondsBetweenFailures)}), "
            + $"{checkpoint}, {Duration(g.RestartSeconds)} to restart";
    }

    /// <summary>
    /// Where more GPUs stop shortening the run with failures over a sweep (<paramref name="goodputs"/> one per point, null
    /// where nothing fits): the size with the fewest days with failures and what the largest size takes; or, when the
    /// largest is the quickest, its days and goodput.
    /// </summary>
    public static string ScaleLimit(IReadOnlyList<SweepPoint> points, IReadOnlyList<Goodput?> goodputs, double tokens, double watts)
    {
        (int best, int last) = FastestWithFailures(points, goodputs, tokens);
        if (best < 0)
        {
            return "No size fits: no run to time.";
        }

        double bestDays = DaysWithFailures(points[best], goodputs[best]!.Value, tokens, watts);
        double lastDays = DaysWithFailures(points[last], goodputs[last]!.Value, tokens, watts);

        return best < last
            ? $"More GPUs stop shortening the run at {Units.Count(points[best].Gpus)} GPUs ({Figure(bestDays)} days with failures); {Units.Count(points[last].Gpus)} GPUs take {Figure(lastDays)} days at {Units.Percent(goodputs[last]!.Value.Fraction)} goodput."
            : $"The run with failures shortens up to the largest size swept: {Figure(bestDays)} days on {Units.Count(points[best].Gpus)} GPUs at {Units.Percent(goodputs[best]!.Value.Fraction)} goodput.";
    }

    /// <summary>
    /// The index of the sweep's size with the fewest days with failures and of its largest size that fits (both -1 when
    /// none does): past the first, more GPUs stop shortening the run.
    /// </summary>
    public static (int Fastest, int Largest) FastestWithFailures(IReadOnlyList<SweepPoint> points, IReadOnlyList<Goodput?> goodputs, double tokens)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(goodputs);
        int best = -1;
        int last = -1;
        double bestDays = double.PositiveInfinity;
        for (int i = 0; i < points.Count; i++)
        {
            if (goodputs[i] is not Goodput g || !(g.Fraction > 0))
            {
                continue;
            }

            double days = DaysWithFailures(points[i], g, tokens, 0);
            last = i;
            if (days < bestDays)
            {
                (best, bestDays) = (i, days);
            }
        }

        return (best, last);
    }

    private static double DaysWithFailures(in SweepPoint point, in Goodput goodput, double tokens, double watts) =>
        goodput.DaysWithFailures(TimeToTrain.Of(point.Best, tokens, watts, null));

    /// <summary>"Deadline 60 days: met (57.3 days with failures)" or "missed": a run's days with failures against a deadline.</summary>
    public static string Deadline(double deadlineDays, double daysWithFailures) =>
        $"Deadline {Figure(deadlineDays)} days: {(daysWithFailures <= deadlineDays ? "met" : "missed")} ({Figure(daysWithFailures)} days with failures)";

    /// <summary>"54.5 s", "10.5 min", "4.9 h" or "3.2 days": a duration in the unit it is read in.</summary>
    public static string Duration(double seconds) =>
        seconds < 120 ? Units.Number(seconds, 1) + " s"
        : seconds < 7200 ? Units.Number(seconds / 60, 1) + " min"
        : seconds < 2 * TimeToTrain.SecondsPerDay ? Units.Number(seconds / 3600, 1) + " h"
        : Figure(seconds / TimeToTrain.SecondsPerDay) + " days";

    /// <summary>"1,234,567" or "2.50": an amount in the user's currency (no symbol: the price's unit is the user's).</summary>
    public static string Money(double amount, int decimals = 0) =>
        amount.ToString(decimals == 0 ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);

    /// <summary>"2,479" from 100 up, "52.3" below: days and MWh as read.</summary>
    public static string Figure(double value) => value >= 100 ? Units.Count(value) : Units.Number(value, 1);

    private static string Short(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
