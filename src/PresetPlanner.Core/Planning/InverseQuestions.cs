using PresetPlanner.Results;
using PresetPlanner.Rules;
using PresetPlanner.Search;
using PresetPlanner.Settings;
using PresetPlanner.Specs;
using PresetPlanner.Validation;
using PresetPlanner.Vocabulary;

namespace PresetPlanner.Planning;

/// <summary>
/// The inverse questions, answered by searching: the smallest cluster of a GPU on which a model trains, the longest
/// sequence that fits on a cluster, and the best layout at each size of a sweep. Each checks its input once (throwing
/// <see cref="PlanInputException"/>) and creates a <see cref="PlanningContext"/> per size or sequence.
/// </summary>
public static class InverseQuestions
{
    /// <summary>
    /// Cluster sizes to try from <paramref name="minGpus"/> to <paramref name="maxGpus"/>: 1, 2, 4 ... up to a node of
    /// <paramref name="gpusPerNode"/>, then whole nodes doubling.
    /// </summary>
    /// <exception cref="PlanInputException">A bound is below 1, above <see cref="SpecValidator.MaxGpus"/>, or the minimum exceeds the maximum.</exception>
    public static int[] Sizes(int gpusPerNode, int minGpus, int maxGpus)
    {
        Bound(InputField.GpusPerNode, gpusPerNode, 1, SpecValidator.MaxGpus);
        Bound(InputField.MinGpus, minGpus, 1, SpecValidator.MaxGpus);
        Bound(InputField.MaxGpus, maxGpus, minGpus, SpecValidator.MaxGpus);
        var sizes = new List<int>();
        for (long n = 1; n < gpusPerNode && n <= maxGpus; n *= 2)
        {
            if (n >= minGpus)
            {
                sizes.Add((int)n);
            }
        }

        for (long n = gpusPerNode; n <= maxGpus; n *= 2)
        {
            if (n >= minGpus)
            {
                sizes.Add((int)n);
            }
        }

        return [.. sizes];
    }

    /// <summary>The best layout at each of <paramref name="sizes"/> GPUs of <paramref name="gpu"/> (nodes of <paramref name="gpusPerNode"/>, fewer when the cluster is smaller).</summary>
    /// <exception cref="PlanInputException">An input is out of range.</exception>
    public static SweepPoint[] Sweep(in ModelPreset model, in GpuPreset gpu, int gpusPerNode, in TrainingSettings settings, in SearchSpace space, IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var points = new SweepPoint[sizes.Count];
        for (int i = 0; i < sizes.Count; i++)
        {
            PlanningContext ctx = PlanningContext.Create(model, ClusterPreset.Of(gpu, sizes[i], gpusPerNode), settings);
            bool found = ctx.TryFindRecommended(space, out SearchResult result);
            points[i] = new SweepPoint(sizes[i], found, result);
        }

        return points;
    }

    /// <summary>
    /// The smallest of <paramref name="sizes"/> (ascending) on which some layout fits. When none does, false, and
    /// <paramref name="answer"/> is the largest size with the searches' statistics summed: zero enumerated layouts means
    /// the rules exclude every layout at every size (the first exclusion at the largest size that had one says why), not
    /// that nothing fits.
    /// </summary>
    /// <exception cref="PlanInputException">An input is out of range.</exception>
    public static bool TryFindMinGpus(in ModelPreset model, in GpuPreset gpu, int gpusPerNode, in TrainingSettings settings, in SearchSpace space, IReadOnlyList<int> sizes, out SweepPoint answer)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        answer = default;
        long enumerated = 0;
        long evaluated = 0;
        RuleFailure exclusion = default;
        foreach (int n in sizes)
        {
            PlanningContext ctx = PlanningContext.Create(model, ClusterPreset.Of(gpu, n, gpusPerNode), settings);
            bool found = ctx.TryFindRecommended(space, out SearchResult result);
            if (found)
            {
                answer = new SweepPoint(n, true, result);
                return true;
            }

            SearchStatistics s = result.Statistics;
            (enumerated, evaluated) = (enumerated + s.Enumerated, evaluated + s.Evaluated);
            exclusion = s.FirstExclusion.IsNone ? exclusion : s.FirstExclusion;
            answer = new SweepPoint(n, false, result with { Statistics = new SearchStatistics(enumerated, evaluated, 0, exclusion) });
        }

        return false;
    }

    /// <summary>
    /// The smallest of <paramref name="sizes"/> (ascending) whose recommended layout trains <paramref name="tokens"/> within
    /// <paramref name="deadlineSeconds"/> of wall-clock time with failures and checkpoints (<see cref="Goodput"/>: the ideal
    /// time over the goodput fraction). False, with the last size that fits, when none meets the deadline; a size where
    /// nothing fits is passed over.
    /// </summary>
    public static bool TryFindMinGpusForDeadline(in ModelPreset model, in GpuPreset gpu, int gpusPerNode, in TrainingSettings settings, in SearchSpace space, IReadOnlyList<int> sizes, double tokens, double deadlineSeconds, in Reliability reliability, out SweepPoint answer)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        answer = default;
        foreach (int n in sizes)
        {
            PlanningContext ctx = PlanningContext.Create(model, ClusterPreset.Of(gpu, n, gpusPerNode), settings);
            if (!ctx.TryFindRecommended(space, out SearchResult result))
            {
                answer = answer.Found ? answer : new SweepPoint(n, false, result);
                continue;
            }

            answer = new SweepPoint(n, true, result);
            if (WallSeconds(result.Best, ctx, tokens, reliability) <= deadlineSeconds)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Wall-clock seconds to train <paramref name="tokens"/> with <paramref name="row"/>, failures and checkpoints included.</summary>
    public static double WallSeconds(in StrategyResult row, PlanningContext ctx, double tokens, in Reliability reliability)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return Goodput.Of(row, ctx.Model, ctx.Settings, ctx.Cluster, reliability).WallSeconds(TimeToTrain.Of(row, tokens, 0, null).Seconds);
    }

    /// <summary>
    /// The longest sequence, a multiple of <paramref name="step"/> up to the smaller of <paramref name="maxSequence"/> and
    /// the model's context length, on which some layout of <paramref name="cluster"/> fits: a binary search, since memory
    /// grows with the sequence. <see cref="SequencePoint.LimitedBy"/> says whether memory or a cap stopped it.
    /// </summary>
    /// <exception cref="PlanInputException">The step is below 1 or above the longest sequence tried (the smaller of <paramref name="maxSequence"/> and the model's context), or another input is out of range.</exception>
    public static bool TryFindMaxSequence(in ModelPreset model, in ClusterPreset cluster, in TrainingSettings settings, in SearchSpace space, int maxSequence, int step, out SequencePoint answer)
    {
        Bound(InputField.MaxSequence, maxSequence, 1, InputValidator.MaxSequence);
        PlanningContext.Create(model, cluster, settings);

        // A step longer than every sequence tried would try none and report nothing fitting.
        int cap = Math.Min(maxSequence, model.Spec.MaxSequence);
        Bound(InputField.Step, step, 1, cap);
        SequenceLimit capKind = cap == model.Spec.MaxSequence ? SequenceLimit.ModelContext : SequenceLimit.Requested;
        int low = 0;
        int high = cap / step;
        SearchResult best = default;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            PlanningContext ctx = PlanningContext.Create(model, cluster, settings with { SequenceLength = mid * step });
            if (ctx.TryFindRecommended(space, out SearchResult found))
            {
                (low, best) = (mid, found);
            }
            else
            {
                high = mid - 1;
            }
        }

        // best always belongs to low: low only moves when a search at that length found a layout.
        bool atCap = (low + 1) * (long)step > cap;
        answer = new SequencePoint(low * step, atCap ? capKind : SequenceLimit.Memory, best);
        return low > 0;
    }

    private static void Bound(InputField field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new PlanInputException(field, $"is {value} but must be from {min} to {max}");
        }
    }
}
