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
    public void MtpLayersOutOfRange_NamesTheFlag() =>
        Cli.AssertUsageError("--mtp-layers is 17 but must be an integer from 0 to 16", "plan", "deepseek-v3", "--mtp-layers", "17");

    [Fact]
    public void ContextParallelOnMambaLayers_SaysWhy() =>
        Cli.AssertUsageError("CP 2 on a model with Mamba-2 layers (how their scan splits over the sequence is not modelled)", "evaluate", "nemotron-h-8b", "h100x8", "--tp", "1", "--pp", "1", "--cp", "2");

    [Fact]
    public void TensorParallelAboveTheMambaGroups_SaysWhy() =>
        Cli.AssertUsageError("Mamba heads and groups (8) not divisible by TP 16", "evaluate", "nemotron-h-56b", "--gpu", "gb200", "--gpus", "64", "--tp", "16", "--pp", "1");

    [Fact]
    public void ContradictoryFlags_OneLineExit2() =>
        Cli.AssertUsageError("--sp and --no-sp contradict each other", "plan", "--sp", "--no-sp");

    [Fact]
    public void UnknownOption_OneLineExit2() =>
        Cli.AssertUsageError("unknown option '--bogus' for 'plan'", "plan", "--bogus", "3");

    [Fact]
    public void UnknownOptionAfterTheModel_IsAnUnknownOptionNotAnUnknownCluster() =>
        Cli.AssertUsageError("unknown option '--wat' for 'evaluate'", "evaluate", "llama-3.1-8b", "--wat", "--tp", "1", "--pp", "1");

    [Fact]
    public void Help_ListsTheWorkflowOptions()
    {
        (int exit, string stdout, _) = Cli.Run("plan", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--emit", stdout, StringComparison.Ordinal);
        Assert.Contains("--tokens", stdout, StringComparison.Ordinal);
        Assert.Contains("--gpu-hour-price", stdout, StringComparison.Ordinal);
    }

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
    public void EmptySearch_ExplainsWithTheRuleBook() =>
        Cli.AssertUsageError("no layout matches these flags: heads 64 not divisible by TP 3", "plan", "--tp", "3");

    [Fact]
    public void EmptySearch_PinnedDegreesNotMakingUpTheCluster_SaysSo() =>
        Cli.AssertUsageError("no layout matches these flags: the degrees multiply to 24, which does not make up the 64 GPUs", "plan", "--tp", "8", "--pp", "3");

    [Fact]
    public void CustomModelWithoutShape_AsksForTheFlags() =>
        Cli.AssertUsageError("a custom model needs --layers", "plan", "custom");

    [Fact]
    public void HugePrimeClusterWithNothingToEnumerate_AnswersAtOnce() =>
        Cli.AssertUsageError("global batch 512 not divisible by micro-batch x DP = 9999991", "plan", "--gpus", "9999991", "--gpus-per-node", "1");

    [Fact]
    public void ClusterAboveTenMillionGpus_IsRefusedWithTheLimit() =>
        Cli.AssertUsageError("--gpus is 2147483647 but must be an integer from 1 to 10000000", "plan", "--gpus", "2147483647", "--gpus-per-node", "1");

    [Fact]
    public void Fp8OnAGpuWithoutFp8_IsRefusedNotSilentlyBf16() =>
        Cli.AssertUsageError("--precision is fp8 but the GPU has no FP8 tensor cores", "plan", "gpt-3-175b", "a100x1024", "--precision", "fp8");

    [Fact]
    public void EvaluateFp8OnA100_IsRefusedBeforeAnyLayout() =>
        Cli.AssertUsageError("--precision is fp8 but the GPU has no FP8 tensor cores", "evaluate", "gpt-3-175b", "a100x1024", "--tp", "8", "--pp", "16", "--precision", "fp8");
}
