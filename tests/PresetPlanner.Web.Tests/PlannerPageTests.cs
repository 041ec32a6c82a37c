using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PresetPlanner.Web.Components;
using PresetPlanner.Web.Planner;

namespace PresetPlanner.Web.Tests;

/// <summary>The page as a component (bUnit): the seed example on open, inline errors, state in the URL.</summary>
public sealed class PlannerPageTests : BunitContext
{
    public PlannerPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<PlannerPage> Open(string query = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("http://localhost/" + query);
        return Render<PlannerPage>();
    }

    [Fact]
    public void Open_SeedExample_RecommendsWhatTheCoreRecommends()
    {
        IRenderedComponent<PlannerPage> page = Open();
        Assert.True(Presets.Llama70B.PlanOn(Presets.H100x64).TryGetRecommended(out StrategyResult best));
        Assert.Equal(LayoutText.Full(best.Layout), page.Find("#recommendation").GetAttribute("data-layout"));
        Assert.Contains("Llama-3.1-70B", page.Find("#describe").TextContent, StringComparison.Ordinal);
        Assert.Contains("--tensor-model-parallel-size", page.Find("#export").TextContent, StringComparison.Ordinal);
        Assert.Equal(50, page.FindAll("#plan-table tbody tr").Count);
    }

    [Fact]
    public void BrokenConfig_ShowsTheErrorBesideTheField()
    {
        IRenderedComponent<PlannerPage> page = Open();
        page.Find("#model").Change(PlannerInputs.ConfigModel);
        page.Find("#config").Change("{ \"architectures\": [\"BertModel\"] }");
        Assert.Contains("'BertModel' is not supported", page.Find("#error-config").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#plan-table"));
    }

    [Fact]
    public void PastedPresetJson_IsReadWithTheBuildsRulesAndPlanned()
    {
        IRenderedComponent<PlannerPage> page = Open();
        page.Find("#model").Change(PlannerInputs.ConfigModel);
        string preset = File.ReadAllText(Path.Combine(Repository.Root, "presets", "models", "mixtral-8x7b.json"));
        page.Find("#config").Change(preset);
        page.WaitForAssertion(() => Assert.Contains("Mixtral-8x7B (46.7B parameters", page.Find("#describe").TextContent, StringComparison.Ordinal));

        page.Find("#config").Change(preset.Replace("\"layers\": 32", "\"layers\": \"32\"", StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("pasted.json(", page.Find("#error-config").TextContent, StringComparison.Ordinal));
        Assert.Contains("error PP0004: Preset 'pasted.json': property 'layers' must be an integer", page.Find("#error-config").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_IsWrittenToTheUrl()
    {
        IRenderedComponent<PlannerPage> page = Open();
        page.Find("#seq").Change("8192");
        string uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.EndsWith("?seq=8192", uri, StringComparison.Ordinal);
        Assert.Contains("sequence 8192", page.Find("#describe").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedUrl_ReproducesThePlan()
    {
        IRenderedComponent<PlannerPage> page = Open("?model=mixtral-8x7b&cluster=h100x64&emit=deepspeed&tokens=1T");
        Assert.True(Presets.Mixtral8x7B.PlanOn(Presets.H100x64).TryGetRecommended(out StrategyResult best));
        Assert.Equal(LayoutText.Full(best.Layout), page.Find("#recommendation").GetAttribute("data-layout"));
        Assert.Contains("\"train_batch_size\": 512", page.Find("#export").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Time to train 1T tokens:", page.Find("#time-to-train").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RowClick_SelectsTheRowForTheChartAndTheExport()
    {
        IRenderedComponent<PlannerPage> page = Open();
        page.Find("#plan-table tbody tr[data-rank='3']").Click();
        StrategyResult third = Presets.Llama70B.PlanOn(Presets.H100x64).Rows[2];
        Assert.StartsWith(LayoutText.Full(third.Layout), page.Find("#memory-caption").TextContent, StringComparison.Ordinal);
        Assert.Contains($"--tensor-model-parallel-size {third.Layout.Tp} ", page.Find("#export").TextContent, StringComparison.Ordinal);
        Assert.Contains("row=3", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_ShowsTheRunWithFailures_AndADeadline()
    {
        IRenderedComponent<PlannerPage> page = Open("?tokens=15T&deadline=60");
        Assert.Contains("with failures", page.Find("#goodput").TextContent, StringComparison.Ordinal);
        Assert.Contains("interruptions expected", page.Find("#goodput").TextContent, StringComparison.Ordinal);
        // 15T tokens on 64 H100 take years: the deadline is missed, and the page says so.
        Assert.StartsWith("Deadline 60 days: missed", page.Find("#deadline-check").TextContent, StringComparison.Ordinal);

        page.Find("#sweep-button").Click();
        Assert.Matches("(More GPUs stop shortening the run at|The run with failures shortens up to the largest size swept)", page.Find("#sweep-goodput").TextContent);
    }

    [Fact]
    public void Schedules_AreSearchedWhenAsked_AndABadOneIsShownAtItsField()
    {
        IRenderedComponent<PlannerPage> page = Open("?schedule=any");
        StrategyTable any = Presets.Llama70B.PlanOn(Presets.H100x64, new TrainingSettings(), new SearchSpace { Schedules = PipelineSchedules.All });
        Assert.True(any.TryGetRecommended(out StrategyResult best));
        Assert.Equal(LayoutText.Full(best.Layout), page.Find("#recommendation").GetAttribute("data-layout"));

        IRenderedComponent<PlannerPage> bad = Open("?schedule=gpipe");
        Assert.Contains("any, or one of 1f1b", bad.Markup, StringComparison.Ordinal);
        Assert.Equal("deadline", Assert.Single(PlannerRun.Of(new PlannerInputs { Deadline = "60" }).Errors).Key);
    }

    [Fact]
    public void Reliability_Fields_MoveTheRunWithFailures_AndBadOnesAreShownAtTheirField()
    {
        static double Goodput(IRenderedComponent<PlannerPage> page) =>
            double.Parse(System.Text.RegularExpressions.Regex.Match(page.Find("#goodput").TextContent, "([0-9.]+)% goodput").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        double byDefault = Goodput(Open("?tokens=15T"));
        Assert.True(Goodput(Open("?tokens=15T&failures=1e-3&restart=60")) < byDefault);
        Assert.True(Goodput(Open("?tokens=15T&async=1")) >= byDefault);

        PlannerRun bad = PlannerRun.Of(new PlannerInputs { Tokens = "15T", FailureRate = "-1", RestartMinutes = "x" });
        Assert.Contains("failures", bad.Errors.Keys);
        Assert.Contains("restart", bad.Errors.Keys);
    }
}
