using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>
/// Any runnable layout evaluates: a TP group across NVLink domains (Megatron runs TP 16 over two 8-GPU servers, slowly)
/// is costed by evaluate, left out of plans by default with a line that says so, and ranked with --cross-node-tp.
/// </summary>
public class CrossDomainTpTests
{
    private static readonly string[] s_gpt3 = ["gpt-3-175b", "--gpu", "a100-80gb", "--gpus", "512", "--seq", "2048", "--gbs", "1536", "--no-flash-attention"];

    [Fact]
    public void Evaluate_Tp16OnTwoServers_IsCostedWithItsNetworkShare()
    {
        JsonElement tp16 = Cli.Json(["evaluate", .. s_gpt3, "--tp", "16", "--pp", "8", "--format", "json"]).GetProperty("strategy");
        JsonElement tp8 = Cli.Json(["evaluate", .. s_gpt3, "--tp", "8", "--pp", "16", "--format", "json"]).GetProperty("strategy");

        Assert.Equal("none", tp16.GetProperty("failedConstraint").GetString());
        JsonElement link = tp16.GetProperty("communication").GetProperty("links").GetProperty("tensorParallel");
        Assert.Equal("hierarchical", link.GetProperty("kind").GetString());
        Assert.True(link.GetProperty("scaleOutShare").GetDouble() > 0);
        Assert.Equal("scale-up", tp8.GetProperty("communication").GetProperty("links").GetProperty("tensorParallel").GetProperty("kind").GetString());
    }

    [Fact]
    public void Plan_LeavesCrossDomainTpOut_AndSaysSo_UnlessAllowed()
    {
        (int exit, string stdout, _) = Cli.Run(["plan", .. s_gpt3, "--top", "1"]);
        Assert.Equal(0, exit);
        Assert.Contains("TP 16 and above would span NVLink domains of 8 GPUs of this job and are left out", stdout, StringComparison.Ordinal);

        JsonElement allowed = Cli.Json(["plan", .. s_gpt3, "--cross-node-tp", "--tp", "16", "--top", "1", "--format", "json"]);
        Assert.Equal(16, allowed.GetProperty("strategies")[0].GetProperty("tp").GetInt32());
        (_, string ranked, _) = Cli.Run(["plan", .. s_gpt3, "--cross-node-tp", "--top", "1"]);
        Assert.DoesNotContain("would span NVLink domains", ranked, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OnOneDomain_HasNothingToLeaveOut()
    {
        (_, string stdout, _) = Cli.Run("plan", "llama-3.1-8b", "h100x8", "--top", "1");

        Assert.DoesNotContain("would span NVLink domains", stdout, StringComparison.Ordinal);
    }
}
