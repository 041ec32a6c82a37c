using System.Numerics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace PresetPlanner.Benchmarks;

/// <summary>
/// The arithmetic floor a whole plan is measured against (docs/performance.md, "A whole plan against the floor"): as
/// many items as the seed example has layouts (20,760), each read from memory, put through 300 multiply-adds (about the
/// arithmetic of one evaluation: its FLOP count, memory terms, collectives and time terms) and written back, in the same
/// run as the plan benchmarks. Two forms: scalar with ten independent chains per item, so both of a core's FMA units
/// stay busy (the evaluation is scalar, branchy code: this is its floor), and <see cref="Vector{T}"/> across items (what
/// no per-layout evaluation can reach, shown for scale).
/// </summary>
[MemoryDiagnoser]
public class FloorBenchmarks
{
    /// <summary>Items per run: the layouts of Llama-3.1-70B on 64 H100 in the default space.</summary>
    public const int Items = 20_760;

    private const int MultiplyAdds = 300;
    private const int Chains = 10;

    private readonly double[] _inputs = new double[Items];
    private readonly double[] _outputs = new double[Items];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Items; i++)
        {
            _inputs[i] = 0.5 + random.NextDouble();
        }
    }

    /// <summary>300 scalar multiply-adds per item in ten independent chains of 30.</summary>
    [Benchmark(Baseline = true)]
    public double Scalar300MultiplyAddsPerItem()
    {
        double[] inputs = _inputs;
        double[] outputs = _outputs;
        for (int i = 0; i < inputs.Length; i++)
        {
            outputs[i] = Item(inputs[i]);
        }

        return outputs[^1];
    }

    /// <summary>The same arithmetic on <see cref="Vector{T}.Count"/> items at a time.</summary>
    [Benchmark]
    public double Vector300MultiplyAddsPerItem()
    {
        double[] inputs = _inputs;
        double[] outputs = _outputs;
        int width = Vector<double>.Count;
        int i = 0;
        for (; i <= inputs.Length - width; i += width)
        {
            Item(new Vector<double>(inputs, i)).CopyTo(outputs, i);
        }

        for (; i < inputs.Length; i++)
        {
            outputs[i] = Item(inputs[i]);
        }

        return outputs[^1];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Item(double x)
    {
        double a0 = x, a1 = x + 1, a2 = x + 2, a3 = x + 3, a4 = x + 4, a5 = x + 5, a6 = x + 6, a7 = x + 7, a8 = x + 8, a9 = x + 9;
        for (int k = 0; k < MultiplyAdds / Chains; k++)
        {
            a0 = (a0 * 0.999) + 0.001;
            a1 = (a1 * 0.998) + 0.002;
            a2 = (a2 * 0.997) + 0.003;
            a3 = (a3 * 0.996) + 0.004;
            a4 = (a4 * 0.995) + 0.005;
            a5 = (a5 * 0.994) + 0.006;
            a6 = (a6 * 0.993) + 0.007;
            a7 = (a7 * 0.992) + 0.008;
            a8 = (a8 * 0.991) + 0.009;
            a9 = (a9 * 0.990) + 0.010;
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Item(Vector<double> x)
    {
        Vector<double> a0 = x, a1 = x + Vector<double>.One, a2 = x + new Vector<double>(2), a3 = x + new Vector<double>(3), a4 = x + new Vector<double>(4);
        Vector<double> a5 = x + new Vector<double>(5), a6 = x + new Vector<double>(6), a7 = x + new Vector<double>(7), a8 = x + new Vector<double>(8), a9 = x + new Vector<double>(9);
        for (int k = 0; k < MultiplyAdds / Chains; k++)
        {
            a0 = (a0 * 0.999) + new Vector<double>(0.001);
            a1 = (a1 * 0.998) + new Vector<double>(0.002);
            a2 = (a2 * 0.997) + new Vector<double>(0.003);
            a3 = (a3 * 0.996) + new Vector<double>(0.004);
            a4 = (a4 * 0.995) + new Vector<double>(0.005);
            a5 = (a5 * 0.994) + new Vector<double>(0.006);
            a6 = (a6 * 0.993) + new Vector<double>(0.007);
            a7 = (a7 * 0.992) + new Vector<double>(0.008);
            a8 = (a8 * 0.991) + new Vector<double>(0.009);
            a9 = (a9 * 0.990) + new Vector<double>(0.010);
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9;
    }
}
