using System.Globalization;
using PresetPlanner.Settings;

namespace PresetPlanner.Cli.Input;

/// <summary>Parses numeric flags with messages that name the flag.</summary>
internal static class Numbers
{
    /// <summary>Any whole number that fits 32 bits; the core's validator judges its range.</summary>
    public static int Integer(string flag, string text)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw new UsageException($"{flag}: '{text}' is not a whole number between {int.MinValue} and {int.MaxValue}");
        }

        return value;
    }

    public static int Positive(string flag, string text)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw new UsageException($"{flag}: '{text}' is not a whole number");
        }

        if (value < 1)
        {
            throw new UsageException($"{flag}: {value} must be at least 1");
        }

        return value;
    }

    public static int InRange(string flag, string text, int min, int max)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"{flag}: '{text}' must be a whole number from {min} to {max}");
        }

        return value;
    }

    public static double Real(string flag, string text, double min, double max)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < min || value > max)
        {
            throw new UsageException($"{flag}: '{text}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    /// <summary>"8" or "4,8" (at most <see cref="ValueSet.Capacity"/> values).</summary>
    public static ValueSet List(string flag, string? text)
    {
        if (text is null)
        {
            return ValueSet.Any;
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new UsageException($"{flag}: give a value or a comma-separated list, e.g. {flag} 4,8");
        }

        if (parts.Length > ValueSet.Capacity)
        {
            throw new UsageException($"{flag}: at most {ValueSet.Capacity} values");
        }

        return ValueSet.Of(parts.Select(p => Positive(flag, p)).ToArray());
    }
}
