namespace PresetPlanner.Cli.Tests;

public class ErrorTests
{
    [Fact]
    public void UnknownModel_SuggestsNearestIds() =>
        Cli.AssertUsageError("did you mean llama-2-70b", "plan", "llama-2-7ob");

    [Fact]
    public void UnknownCluster_SuggestsNearestIds() =>
        Cli.AssertUsageError("unknown cluster 'h100x65'; did you mean h100x64", "plan", "llama-3.1-70b", "h100x65");

    [Fact]
    public void NonNumericDegree_OneLineExit2() =>
        Cli.AssertUsageError("--tp: 'x' is not a whole number", "plan", "--tp", "x");

    [Fact]
    public void ContradictoryFlags_OneLineExit2() =>
        Cli.AssertUsageError("--sp and --no-sp contradict each other", "plan", "--sp", "--no-sp");

    [Fact]
    public void UnknownOption_OneLineExit2() =>
        Cli.AssertUsageError("--bogus", "plan", "--bogus", "3");

    [Fact]
    public void EvaluateHeadsNotDivisible_ReportsTheRule() =>
        Cli.AssertUsageError("heads 64 not divisible by TP 3", "evaluate", "llama-3.1-70b", "h100x8", "--tp", "3", "--pp", "1", "--dp", "1", "--gpus", "3", "--gpus-per-node", "3");

    [Fact]
    public void EvaluateWithoutTp_AsksForIt() =>
        Cli.AssertUsageError("evaluate needs --tp and --pp", "evaluate", "llama-3.1-70b", "h100x64");

    [Fact]
    public void BadFormat_OneLineExit2() =>
        Cli.AssertUsageError("--format: 'yaml' is not table, markdown, json or csv", "plan", "--format", "yaml");

    [Fact]
    public void EmptySearch_ExplainsTheFirstPinnedLayout() =>
        Cli.AssertUsageError("TP x PP x CP = 3 does not divide the 64 GPUs", "plan", "--tp", "3");

    [Fact]
    public void CustomModelWithoutShape_AsksForTheFlags() =>
        Cli.AssertUsageError("a custom model needs --layers", "plan", "custom");

    [Fact]
    public void HugePrimeClusterWithNothingToEnumerate_AnswersAtOnce() =>
        Cli.AssertUsageError("global batch 512 not divisible by micro-batch x DP = 2147483647", "plan", "--gpus", "2147483647", "--gpus-per-node", "1");

    [Fact]
    public void Fp8OnAGpuWithoutFp8_IsRefusedNotSilentlyBf16() =>
        Cli.AssertUsageError("--precision fp8: the GPU has no FP8 tensor cores", "plan", "gpt-3-175b", "a100x1024", "--precision", "fp8");

    [Fact]
    public void EvaluateFp8OnA100_IsAnInvalidLayout() =>
        Cli.AssertUsageError("invalid layout TP=8, PP=16, DP=8: the GPU has no FP8 tensor cores", "evaluate", "gpt-3-175b", "a100x1024", "--tp", "8", "--pp", "16", "--precision", "fp8");
}
