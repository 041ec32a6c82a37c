namespace PresetPlanner.Cli.Tests;

/// <summary>Shell completion ([suggest] directive, as dotnet-suggest asks): preset ids and the spellings each option takes.</summary>
public class CompletionTests
{
    [Theory]
    [InlineData("plan llama-3.1", "llama-3.1-405b\nllama-3.1-70b\nllama-3.1-8b")]
    [InlineData("plan --precision fp8", "fp8\nfp8-blockwise\nfp8-current")]
    [InlineData("sweep x --gpu gb", "gb200\ngb300")]
    [InlineData("plan --emit megatron", "megatron\nmegatron-bridge")]
    [InlineData("evaluate llama-3.1-8b h100x", "h100x1\nh100x1024\nh100x16384\nh100x64\nh100x8")]
    public void Suggest_OffersPresetIdsAndSpellings(string line, string expected)
    {
        (int exit, string stdout, _) = Cli.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, exit);
        Assert.Equal(expected, stdout.ReplaceLineEndings("\n").Trim());
    }
}
