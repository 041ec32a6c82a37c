using System.Globalization;
using System.Text;
using PresetPlanner.Presentation.Text;
using PresetPlanner.Search;

namespace PresetPlanner.Presentation.Charts;

/// <summary>
/// An SVG line chart of a sweep: tokens/s per GPU against cluster size (log2 axis) with round axis ticks, each point
/// labelled with its layout where the label has room (every point has it as a tooltip), and a red cross on the axis at
/// each size where nothing fits.
/// </summary>
public static class SweepChart
{
    private const double Width = 900;
    private const double Height = 480;
    private const double Left = 80;
    private const double Right = 30;
    private const double Top = 50;
    private const double Bottom = 70;

    /// <summary>The chart of <paramref name="points"/> (a sweep's answer) under <paramref name="title"/>, as an SVG document.</summary>
    public static string Svg(string title, IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(points);
        List<SweepPoint> found = points.Where(p => p.Found).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">{Escape(title)}</text>\n");
        double step = TickStep(found.Count == 0 ? 1 : found.Max(p => p.Best.Time.TokensPerSecondPerGpu) * 1.1);
        int ticks = found.Count == 0 ? 1 : (int)Math.Ceiling(found.Max(p => p.Best.Time.TokensPerSecondPerGpu) * 1.1 / step);
        double maxY = ticks * step;
        double minX = Math.Log2(points.Min(p => p.Gpus));
        double maxX = Math.Log2(points.Max(p => p.Gpus));
        double X(int gpus) => Left + ((maxX > minX ? (Math.Log2(gpus) - minX) / (maxX - minX) : 0.5) * (Width - Left - Right));
        double Y(double tokens) => Height - Bottom - (tokens / maxY * (Height - Top - Bottom));

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        for (int i = 0; i <= ticks; i++)
        {
            double value = step * i;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(value):0.0}\" x2=\"{Width - Right}\" y2=\"{Y(value):0.0}\" stroke=\"#ddd\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:0.0}\" text-anchor=\"end\">{value:#,0}</text>\n");
        }

        foreach (SweepPoint p in points)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(p.Gpus):0.0}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{p.Gpus}</text>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 20}\" text-anchor=\"middle\">GPUs (log scale)</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"18\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Height / 2})\">predicted tokens/s per GPU</text>\n");
        if (found.Count > 0)
        {
            sb.Append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
            sb.AppendJoin(' ', found.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Gpus):0.0},{Y(p.Best.Time.TokensPerSecondPerGpu):0.0}")));
            sb.Append("\"/>\n");
        }

        // Labels go in the first of three lanes above their point where they do not overlap an earlier label.
        var lanes = new List<(double From, double To, double Y)>();
        foreach (SweepPoint p in found)
        {
            double x = X(p.Gpus);
            double y = Y(p.Best.Time.TokensPerSecondPerGpu);
            string label = Escape(LayoutText.Strategy(p.Best.Layout));
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.0}\" cy=\"{y:0.0}\" r=\"4\" fill=\"#1f77b4\"><title>{p.Gpus} GPUs: {label}, {p.Best.Time.TokensPerSecondPerGpu:#,0} tokens/s per GPU</title></circle>\n");
            double half = LabelWidth(label) / 2;
            for (int lane = 0; lane < 3; lane++)
            {
                double ly = y - 10 - (12 * lane);
                if (!lanes.Any(o => Math.Abs(o.Y - ly) < 11 && o.From < x + half && x - half < o.To))
                {
                    lanes.Add((x - half, x + half, ly));
                    sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.0}\" y=\"{ly:0.0}\" text-anchor=\"middle\" font-size=\"10\">{label}</text>\n");
                    break;
                }
            }
        }

        foreach (SweepPoint p in points.Where(p => !p.Found))
        {
            double x = X(p.Gpus);
            double y = Height - Bottom;
            sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x - 5:0.0},{y - 5:0.0} L{x + 5:0.0},{y + 5:0.0} M{x - 5:0.0},{y + 5:0.0} L{x + 5:0.0},{y - 5:0.0}\" stroke=\"#d62728\" stroke-width=\"2\"><title>{p.Gpus} GPUs: nothing fits</title></path>\n");
        }

        if (found.Count < points.Count)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Top - 8}\" text-anchor=\"end\" font-size=\"11\" fill=\"#d62728\">x on the axis: nothing fits at that size</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>A 1, 2 or 5 times a power of ten step that gives at most six ticks up to <paramref name="max"/>.</summary>
    public static double TickStep(double max)
    {
        double raw = Math.Max(max, 1e-9) / 6;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double scaled = raw / magnitude;
        return magnitude * (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10);
    }

    /// <summary>Width of a 10-pixel sans-serif label, estimated at 5.6 pixels a character.</summary>
    public static double LabelWidth(string text) => text.Length * 5.6;

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
