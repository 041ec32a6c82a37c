using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PresetPlanner.Web.Tests;

/// <summary>
/// Input-to-paint in the published page, as a user feels it: a script sets an input and fires its change event, then
/// waits for the page's new state in the DOM and for the next frame to be painted (a requestAnimationFrame callback, then
/// a task queued from it, which runs once that frame's paint is done). The test asserts what the page shows after each
/// change, never how fast: the timings go to the test output, and with <c>PRESETPLANNER_PAGE_BENCHMARK=FILE</c> (and
/// <c>PRESETPLANNER_PAGE_RUNS</c>, default 3) into FILE as the table docs/performance.md quotes.
/// </summary>
[Collection(PublishedSiteGroup.Name)]
public sealed class PageLatencyTests(PublishedSite site, ITestOutputHelper output)
{
    // Sets a select or input (or clicks a checkbox or header), then resolves with the milliseconds until the frame
    // after the watched attribute changed was painted, and until the change was in the DOM. Blazor WebAssembly handles the event and applies its render
    // batch on the one browser thread, so the change may already be in the DOM when dispatchEvent returns.
    private const string Measure = """
        ([selector, value, watch, attribute]) => new Promise(resolve => {
          const read = () => document.querySelector(watch)?.getAttribute(attribute);
          const before = read();
          let done = false;
          const finish = () => {
            if (done) return;
            done = true;
            observer.disconnect();
            const updated = performance.now() - start;
            requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - start, updated]), 0));
          };
          const observer = new MutationObserver(() => { if (read() !== before) finish(); });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          const start = performance.now();
          const element = document.querySelector(selector);
          if (value === null) {
            element.click();
          } else {
            element.value = value;
            element.dispatchEvent(new Event('change', { bubbles: true }));
          }
          if (read() !== before) finish();
        })
        """;

    private static readonly Change[] s_changes =
    [
        new("sequence 4096 -> 8192", new("#seq", "8192"), new("#seq", "4096"), Replans: true),
        new("global batch 512 -> 1024", new("#gbs", "1024"), new("#gbs", "512"), Replans: true),
        new("precision bf16 -> fp8", new("#precision", "fp8"), new("#precision", "bf16"), Replans: true),
        new("model llama-3.1-70b -> llama-3.1-8b", new("#model", "llama-3.1-8b"), new("#model", "llama-3.1-70b"), Replans: true),
        new("cluster h100x64 -> h200x64", new("#cluster", "h200x64"), new("#cluster", "h100x64"), Replans: true),
        new("only layouts that fit (no new plan)", new("#feasible", null), new("#feasible", null), Replans: false),
        new("sort by memory (no new plan)", new("#plan-table th:nth-child(6)", null), new("#plan-table th:nth-child(1)", null), Replans: false),
    ];

    [BrowserFact]
    public async Task Page_EachChangePaintsItsNewPlan_TimedFromInputToPaint()
    {
        int runs = int.TryParse(Environment.GetEnvironmentVariable("PRESETPLANNER_PAGE_RUNS"), CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 3;
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await HeadlessChromium.NewPageAsync(browser);

        // The first plan: from navigation to the recommendation on screen (the runtime's download and start included).
        var firstPlan = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            await HeadlessChromium.OpenPlannedAsync(page, site.Url);
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))");
            firstPlan.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var timings = s_changes.ToDictionary(c => c.Name, _ => new List<double>());
        var planned = new List<double>();
        var domUpdated = s_changes.ToDictionary(c => c.Name, _ => new List<double>());
        for (int i = 0; i < runs; i++)
        {
            foreach (Change change in s_changes)
            {
                string watch = change.Replans ? "#timing" : "#plan-table";
                string attribute = change.Replans ? "data-plan" : "data-view";
                foreach (Step step in new[] { change.Forward, change.Back })
                {
                    double[] ms = await page.EvaluateAsync<double[]>(Measure, new object?[] { step.Selector, step.Value, watch, attribute });
                    timings[change.Name].Add(ms[0]);
                    domUpdated[change.Name].Add(ms[1]);
                    if (change.Replans)
                    {
                        planned.Add(double.Parse(await page.Locator("#plan-ms").InnerTextAsync(), CultureInfo.InvariantCulture));
                    }
                }
            }

            // Each round ends where it began: the seed example's table, at most the 50 rows the page shows.
            Assert.Equal(50, await page.Locator("#plan-table tbody tr").CountAsync());
        }

        // After the round trips the page shows the seed example again, as the CLI plans it.
        Assert.StartsWith("Llama-3.1-70B (70.6B parameters", await page.Locator("#describe").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("4096", await page.Locator("#seq").InputValueAsync());

        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"Headless Chromium, {runs} rounds; input event to the frame after the new state was painted, ms\n\n");
        report.Append("| change | min | median | max |\n|---|---:|---:|---:|\n");
        report.Append(Row("first plan after navigation (runtime start included)", firstPlan));
        foreach (Change change in s_changes)
        {
            report.Append(Row(change.Name, timings[change.Name]));
        }

        report.Append(Row("of which planning (the page's own Stopwatch)", planned));
        report.Append("\nInput to the new state in the DOM (before style, layout and paint), ms\n\n| change | min | median | max |\n|---|---:|---:|---:|\n");
        foreach (Change change in s_changes)
        {
            report.Append(Row(change.Name, domUpdated[change.Name]));
        }
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("PRESETPLANNER_PAGE_BENCHMARK") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, report.ToString());
        }
    }

    [BrowserFact]
    public async Task LargePlan_ShowsItsNoticeOnScreenBeforePlanning_AndClearsItAfter()
    {
        // Mixtral-8x22B on the seed cluster has 71,256 layouts, past PlannerRun.LargePlan: the page says it is planning,
        // a frame with the notice is painted, and only then does the plan hold the browser's thread.
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await HeadlessChromium.NewPageAsync(browser);
        await HeadlessChromium.OpenPlannedAsync(page, site.Url);

        bool[] seen = await page.EvaluateAsync<bool[]>("""
            () => new Promise(resolve => {
              const plan = () => document.querySelector('#timing')?.getAttribute('data-plan');
              const before = plan();
              let noticeSeen = false, noticePainted = false;
              const observer = new MutationObserver(() => {
                if (document.querySelector('#planning') && !noticeSeen) {
                  noticeSeen = true;
                  // A frame callback runs just before its frame is painted: the notice is in it if no plan came first.
                  requestAnimationFrame(() => { noticePainted = plan() === before && document.querySelector('#planning') !== null; });
                }
                if (plan() !== before) {
                  observer.disconnect();
                  setTimeout(() => resolve([noticeSeen, noticePainted, document.querySelector('#planning') !== null]), 0);
                }
              });
              observer.observe(document.body, { subtree: true, childList: true, attributes: true });
              const model = document.querySelector('#model');
              model.value = 'mixtral-8x22b';
              model.dispatchEvent(new Event('change', { bubbles: true }));
            })
            """);

        Assert.True(seen[0], "no notice before the large plan");
        Assert.True(seen[1], "the plan finished before a frame with the notice was painted");
        Assert.False(seen[2], "the notice stayed after the plan");
        Assert.StartsWith("Mixtral-8x22B", await page.Locator("#describe").InnerTextAsync(), StringComparison.Ordinal);

        // The seed example's 20,760 layouts plan at once, without a notice.
        await page.SelectOptionAsync("#model", "llama-3.1-70b");
        await page.Locator("#describe").Filter(new LocatorFilterOptions { HasText = "Llama-3.1-70B" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("#planning").CountAsync());
    }

    private static string Row(string name, List<double> ms)
    {
        double[] sorted = [.. ms.Order()];
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {sorted[0]:F0} | {median:F0} | {sorted[^1]:F0} |\n");
    }

    // An input set to a value, or clicked where the value is null.
    private sealed record Step(string Selector, string? Value);

    // A change and the step that takes it back; Replans when the page makes a new plan for it.
    private sealed record Change(string Name, Step Forward, Step Back, bool Replans);
}
