using System.Globalization;
using System.Xml.Linq;

namespace PresetPlanner.Cli.Tests;

/// <summary>The sweep's SVG: round ticks, labels that do not overlap, and a mark where nothing fits.</summary>
public sealed class SweepChartTests : IDisposable
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.svg");

    public void Dispose() => File.Delete(_path);

    private XDocument Chart(params string[] args)
    {
        (int exit, _, string stderr) = Cli.Run([.. args, "--svg", _path]);
        Assert.True(exit is 0 or 1, stderr);
        return XDocument.Load(_path);
    }

    [Fact]
    public void Svg_YTicksAreRoundAndLabelsDoNotOverlap()
    {
        XDocument chart = Chart("sweep", "llama-3.1-70b", "--gpu", "h100-sxm", "--gpus", "64..16384", "--gbs", "2048");
        double[] ticks = chart.Descendants(s_svg + "text").Where(t => (string?)t.Attribute("text-anchor") == "end" && t.Attribute("font-size") is null)
            .Select(t => double.Parse(t.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ticks.Length >= 3, string.Join(" ", ticks));
        double step = ticks[1] - ticks[0];
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.Contains(step / magnitude, new[] { 1.0, 2.0, 5.0 });
        Assert.All(ticks, t => Assert.Equal(0, t % step, 6));

        var labels = chart.Descendants(s_svg + "text").Where(t => (string?)t.Attribute("font-size") == "10")
            .Select(t => (X: double.Parse((string)t.Attribute("x")!, CultureInfo.InvariantCulture), Y: double.Parse((string)t.Attribute("y")!, CultureInfo.InvariantCulture), Half: t.Value.Length * 5.6 / 2)).ToList();
        Assert.NotEmpty(labels);
        for (int i = 0; i < labels.Count; i++)
        {
            for (int j = i + 1; j < labels.Count; j++)
            {
                bool sameLine = Math.Abs(labels[i].Y - labels[j].Y) < 11;
                bool overlap = labels[i].X - labels[i].Half < labels[j].X + labels[j].Half && labels[j].X - labels[j].Half < labels[i].X + labels[i].Half;
                Assert.False(sameLine && overlap, $"labels at {labels[i]} and {labels[j]} overlap");
            }
        }
    }

    [Fact]
    public void Svg_SizesWhereNothingFits_AreMarked()
    {
        XDocument chart = Chart("sweep", "llama-3.1-405b", "--gpu", "h100-sxm", "--gpus", "8..512");
        string[] marks = chart.Descendants(s_svg + "path").Select(p => p.Element(s_svg + "title")?.Value ?? string.Empty).ToArray();
        Assert.Contains("8 GPUs: nothing fits", marks);
        Assert.Contains(chart.Descendants(s_svg + "text"), t => t.Value == "x on the axis: nothing fits at that size");
    }
}
