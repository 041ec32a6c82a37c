using System.Runtime.CompilerServices;

// The evaluator's methods hold several hundred bytes of struct locals (frames, parts, results); C# would have the JIT
// zero them on every call. Safe code cannot read a local before assigning it, so the zeroing is dead work; the two
// stackalloc buffers (StrategySearch, CandidateSpace) are written before they are read.
[module: SkipLocalsInit]
