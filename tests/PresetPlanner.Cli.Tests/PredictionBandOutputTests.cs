using System.Text.Json;

namespace PresetPlanner.Cli.Tests;

/// <summary>Every step time and tokens/s the CLI prints carries its kind's prediction band (docs/model.md, "Prediction bands").</summary>
public class PredictionBandOutputTests
{
    [Fact]
    public void EvaluateJson_BandsBracketThePrediction_AsPublishedOverOnePlusTheError()
    {
        JsonElement doc = Cli.Json("evaluate", "llama-3.1-70b", "h100x64", "--tp", "8", "--pp", "4", "--format", "json");
        JsonElement band = doc.GetProperty("predictionBand");
        Assert.Equal("hopper", band.GetProperty("gpuGeneration").GetString());
        Assert.Equal("dense", band.GetProperty("modelKind").GetString());
        Assert.Equal("16-bit", band.GetProperty("precisionWidth").GetString());
        double low = band.GetProperty("lowError").GetDouble();
        double high = band.GetProperty("highError").GetDouble();

        JsonElement s = doc.GetProperty("strategy");
        double tokens = s.GetProperty("tokensPerSecondPerGpu").GetDouble();
        double step = s.GetProperty("stepTimeSeconds").GetDouble();
        Assert.Equal(tokens / (1 + high), s.GetProperty("tokensPerSecondPerGpuBand").GetProperty("low").GetDouble(), 9);
        Assert.Equal(tokens / (1 + low), s.GetProperty("tokensPerSecondPerGpuBand").GetProperty("high").GetDouble(), 9);
        Assert.Equal(step * (1 + low), s.GetProperty("stepTimeSecondsBand").GetProperty("low").GetDouble(), 9);
        Assert.Equal(step * (1 + high), s.GetProperty("stepTimeSecondsBand").GetProperty("high").GetDouble(), 9);
    }

    [Fact]
    public void Plan_PrintsItsBandUnderTheTable_AndTheRecommendationsRange()
    {
        (int exit, string stdout, _) = Cli.Run("plan", "qwen3-30b-a3b", "b200x8", "--precision", "mxfp8", "--top", "3");

        Assert.Equal(0, exit);
        Assert.Contains("Band: in 8 of 10 held-out predictions of Blackwell-class MoE 8-bit runs", stdout, StringComparison.Ordinal);
        Assert.Matches(@"s per step; [0-9,]+-[0-9,]+ with the band of held-out Blackwell-class MoE 8-bit runs\)", stdout);
    }

    [Fact]
    public void MinGpusJson_BestCarriesItsBand()
    {
        JsonElement best = Cli.Json("min-gpus", "llama-3.1-8b", "--gpu", "h100-sxm", "--format", "json").GetProperty("best");
        JsonElement range = best.GetProperty("tokensPerSecondPerGpuBand");

        Assert.True(range.GetProperty("low").GetDouble() < best.GetProperty("tokensPerSecondPerGpu").GetDouble());
        Assert.True(range.GetProperty("high").GetDouble() > best.GetProperty("tokensPerSecondPerGpu").GetDouble());
    }
}
