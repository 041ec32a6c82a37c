using System.Globalization;
using System.Text;

namespace PresetPlanner.Cli.Output;

/// <summary>An SVG line chart of a sweep: tokens/s per GPU against cluster size (log2 axis), each point labelled with its layout.</summary>
internal static class SweepChart
{
    private const double Width = 900;
    private const double Height = 480;
    private const double Left = 80;
    private const double Right = 30;
    private const double Top = 50;
    private const double Bottom = 70;

    public static string Svg(string title, IReadOnlyList<SweepPoint> points)
    {
        List<SweepPoint> found = points.Where(p => p.Found).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">{Escape(title)}</text>\n");
        double maxY = found.Count == 0 ? 1 : found.Max(p => p.Best.Time.TokensPerSecondPerGpu) * 1.15;
        double minX = Math.Log2(points.Min(p => p.Gpus));
        double maxX = Math.Log2(points.Max(p => p.Gpus));
        double X(int gpus) => Left + ((maxX > minX ? (Math.Log2(gpus) - minX) / (maxX - minX) : 0.5) * (Width - Left - Right));
        double Y(double tokens) => Height - Bottom - (tokens / maxY * (Height - Top - Bottom));

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        for (int i = 0; i <= 4; i++)
        {
            double value = maxY * i / 4;
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

        foreach (SweepPoint p in found)
        {
            double x = X(p.Gpus);
            double y = Y(p.Best.Time.TokensPerSecondPerGpu);
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.0}\" cy=\"{y:0.0}\" r=\"4\" fill=\"#1f77b4\"><title>{p.Gpus} GPUs: {Escape(LayoutText.Strategy(p.Best.Layout))}, {p.Best.Time.TokensPerSecondPerGpu:#,0} tokens/s per GPU</title></circle>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.0}\" y=\"{y - 10:0.0}\" text-anchor=\"middle\" font-size=\"10\">{Escape(LayoutText.Strategy(p.Best.Layout))}</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
