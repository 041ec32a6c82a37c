using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PresetPlanner.Cli;
using Xunit.Abstractions;

namespace PresetPlanner.Web.Tests;

/// <summary>
/// The published page in a real browser (Debian's Chromium driven by Playwright): it plans the seed example and
/// recommends what the CLI recommends, shows a broken config's error beside the field, and reproduces a shared URL.
/// </summary>
[Collection(PublishedSiteGroup.Name)]
public sealed class BrowserTests(PublishedSite site, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Page_PlansRecommendsLikeTheCliShowsErrorsInlineAndReproducesSharedUrls()
    {
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await HeadlessChromium.NewPageAsync(browser);

        // The seed example, planned in the browser on open.
        await HeadlessChromium.OpenPlannedAsync(page, site.Url);
        ILocator recommendation = page.Locator("#recommendation");
        Assert.Equal(CliRecommendation("plan"), await recommendation.GetAttributeAsync("data-layout"));
        double planMs = double.Parse(await page.Locator("#plan-ms").InnerTextAsync(), CultureInfo.InvariantCulture);
        output.WriteLine($"Llama-3.1-70B on h100x64: {await page.Locator("#timing").InnerTextAsync()}");
        Assert.InRange(planMs, 0.1, 60_000);
        if (Environment.GetEnvironmentVariable("PRESETPLANNER_UPDATE_BASELINES") == "1")
        {
            // docs/web.md shows this screenshot.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repository.Root, "docs", "web.png"), FullPage = false });
        }

        // A broken config: the message beside the field, no table.
        await page.SelectOptionAsync("#model", PresetPlanner.Web.Planner.PlannerInputs.ConfigModel);
        await page.Locator("#config").FillAsync("{ \"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": \"4096\" }");
        await page.Locator("#config").BlurAsync();
        ILocator error = page.Locator("#error-config");
        await error.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal("config.json: hidden_size must be a whole number, not a string", await error.InnerTextAsync());
        Assert.Equal(0, await page.Locator("#plan-table").CountAsync());

        // A preset JSON: read by the generator's own reading (in PresetPlanner.Import, no Roslyn), planned like the CLI's --model-file.
        await page.Locator("#config").FillAsync(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "presets", "models", "mixtral-8x7b.json")));
        await page.Locator("#config").BlurAsync();
        ILocator describe = page.Locator("#describe");
        await describe.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.StartsWith("Mixtral-8x7B (46.7B parameters", await describe.InnerTextAsync(), StringComparison.Ordinal);

        // A shared link: the same plan as the CLI for the same input.
        await HeadlessChromium.OpenPlannedAsync(page, site.Url + "?model=mixtral-8x7b&seq=8192&emit=torchtitan");
        Assert.Equal(CliRecommendation("plan", "mixtral-8x7b", "h100x64", "--seq", "8192"), await page.Locator("#recommendation").GetAttributeAsync("data-layout"));
        Assert.Contains("[parallelism]", await page.Locator("#export").InnerTextAsync(), StringComparison.Ordinal);
    }

    // The CLI's recommendation for the same input, from its JSON, in the page's words.
    private static string CliRecommendation(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, CliApp.Run([.. args, "--format", "json"], stdout, stderr));
        JsonElement r = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("recommended");
        Assert.True(Spelling.TryParse(r.GetProperty("recompute").GetString(), out RecomputeMode recompute));
        var layout = new ParallelLayout
        {
            Tp = r.GetProperty("tp").GetInt32(),
            Pp = r.GetProperty("pp").GetInt32(),
            Dp = r.GetProperty("dp").GetInt32(),
            Cp = r.GetProperty("cp").GetInt32(),
            Ep = r.GetProperty("ep").GetInt32(),
            Etp = r.GetProperty("etp").GetInt32(),
            Vp = r.GetProperty("vp").GetInt32(),
            MicroBatch = r.GetProperty("microBatchSize").GetInt32(),
            Zero = r.GetProperty("zeroStage").GetInt32(),
            Recompute = recompute,
            SequenceParallel = r.GetProperty("sequenceParallel").GetBoolean(),
        };
        return LayoutText.Full(layout);
    }
}
