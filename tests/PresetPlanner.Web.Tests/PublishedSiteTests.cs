namespace PresetPlanner.Web.Tests;

/// <summary>
/// What the published page downloads: a pasted preset is read by PresetPlanner.Import's reader, so neither Roslyn nor
/// the generator is published (issue 30 item 3: they were 2.7 MB, lazily loaded).
/// </summary>
[Collection(PublishedSiteGroup.Name)]
public sealed class PublishedSiteTests(PublishedSite site)
{
    [Fact]
    public void PublishedPage_HoldsNoRoslynAndNoGenerator()
    {
        string[] files = [.. Directory.EnumerateFiles(site.Root, "*", SearchOption.AllDirectories).Select(Path.GetFileName)!];

        // Published names carry a fingerprint: PresetPlanner.Import.<hash>.wasm.
        Assert.Contains(files, f => f.StartsWith("PresetPlanner.Import.", StringComparison.Ordinal) && f.EndsWith(".wasm", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("PresetPlanner.Generator", StringComparison.Ordinal));
    }
}
