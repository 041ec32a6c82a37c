using BenchmarkDotNet.Running;
using PresetPlanner.Benchmarks;

// "process-timing" times whole commands (ProcessTiming); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "process-timing")
{
    return ProcessTiming.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluateBenchmarks).Assembly).Run(args);
return 0;
