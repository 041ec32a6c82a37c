using System.Globalization;
using PresetPlanner.Validation;

namespace PresetPlanner.Import.Launch;

/// <summary>The launch readers' one way to read a count and to refuse a value, naming the argument or key.</summary>
internal static class LaunchValues
{
    /// <summary>A refused value: "<paramref name="key"/> '<paramref name="value"/>' <paramref name="rule"/>".</summary>
    public static PlanInputException Bad(string key, string value, string rule) => new(InputField.Config, key, $"'{value}' {rule}");

    /// <summary>A whole number of at least 0, or -1 where <paramref name="allowAuto"/> (torchtitan's "derive it").</summary>
    /// <exception cref="PlanInputException">The text is not one.</exception>
    public static int Count(string key, string text, bool allowAuto = false)
    {
        NumberStyles styles = allowAuto ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        return int.TryParse(text, styles, CultureInfo.InvariantCulture, out int value) && (value >= 0 || (allowAuto && value == -1))
            ? value
            : throw Bad(key, text, allowAuto ? "is not a whole number or -1" : "is not a whole number");
    }
}
