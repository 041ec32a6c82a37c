using System.Globalization;

namespace PresetPlanner.Presentation.Text;

/// <summary>Formatting of core units for people: bytes as GB (1e9) or GiB (2^30), always labelled, invariant culture.</summary>
public static class Units
{
    /// <summary>One gigabyte, 1e9 bytes.</summary>
    public const double GB = 1e9;

    /// <summary>One gibibyte, 2^30 bytes.</summary>
    public const double GiB = 1024.0 * 1024 * 1024;

    /// <summary>"12.3 GB".</summary>
    public static string Gigabytes(double bytes) => (bytes / GB).ToString("0.0", CultureInfo.InvariantCulture) + " GB";

    /// <summary>"12.3" (GB without the unit, for table cells under a labelled header).</summary>
    public static string GigabytesNumber(double bytes) => (bytes / GB).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>"12.3%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>An integer-looking number with thousands separators, "1,234".</summary>
    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A number with up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 1) =>
        value.ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);

    /// <summary>A parameter count to three significant figures, as model cards state them: "8.03B", "70.6B", "405B", "125M".</summary>
    public static string Parameters(double count)
    {
        (double scaled, string suffix) = count >= 1e9 ? (count / 1e9, "B") : (count / 1e6, "M");
        string format = scaled >= 99.95 ? "0" : scaled >= 9.995 ? "0.0" : "0.00";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + suffix;
    }
}
