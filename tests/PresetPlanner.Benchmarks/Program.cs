using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PresetPlanner.Benchmarks.EvaluateBenchmarks).Assembly).Run(args);
