using System.Collections.Generic;
using System.Globalization;
using System;
using PresetPlanner.Validation;

namespace PresetPlanner.Generator.Reading;

/// <summary>A <c>Spelling.TryParse</c> overload, as a delegate.</summary>
internal delegate bool TryParseSpelling<T>(string? text, out T value);

/// <summary>
/// Typed, diagnosed access to the properties of one <see cref="JsonPresetDocument"/>. Every getter reports a missing,
/// mistyped or out-of-range value at the property's position and returns null, so a parser can read on and report
/// every problem in the file at once.
/// </summary>
internal sealed class PresetReader
{
    private readonly JsonPresetDocument _document;

    public PresetReader(JsonPresetDocument document, string displayName, string schema)
    {
        _document = document;
        DisplayName = displayName;
        Schema = schema;
    }

    /// <summary>The file name shown in messages.</summary>
    public string DisplayName { get; }

    /// <summary>The schema kind ("model", "gpu", "cluster").</summary>
    public string Schema { get; }

    /// <summary>What is wrong with the file so far, in the order found.</summary>
    public List<PresetProblem> Problems { get; } = new();

    public bool HasErrors
    {
        get
        {
            foreach (PresetProblem p in Problems)
            {
                if (p.Rule.Severity == RuleSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool Has(string path) => _document[path] is not null;

    /// <summary>The location of a property, or the start of the file when it is absent.</summary>
    public PresetLocation At(string path)
    {
        JsonField? field = _document[path];
        return field is null ? _document.Positions.Locate(0, 0) : _document.Positions.Locate(field.StartByte, field.EndByte);
    }

    public void Report(PresetRule rule, string path, params string[] arguments)
    {
        string[] all = new string[arguments.Length + 1];
        all[0] = DisplayName;
        arguments.CopyTo(all, 1);
        Problems.Add(PresetProblem.Create(rule, At(path), all));
    }

    public string? String(string path, bool required, string example)
    {
        JsonField? field = Take(path, required, example);
        if (field is null)
        {
            return null;
        }

        if (field.Kind != JsonKind.String)
        {
            ReportWrongType(field, "a string");
            return null;
        }

        return field.Text;
    }

    public bool? Bool(string path, bool required, string example)
    {
        JsonField? field = Take(path, required, example);
        if (field is null)
        {
            return null;
        }

        if (field.Kind != JsonKind.Bool)
        {
            ReportWrongType(field, "true or false");
            return null;
        }

        return field.Text == "true";
    }

    /// <summary>
    /// A number, or null when absent or not a number. A value too large for a double (<c>1e400</c>) reads as infinity:
    /// the range checks of <see cref="SpecValidator"/> then report it, quoting the text as written.
    /// </summary>
    public double? Number(string path, bool required, string example)
    {
        JsonField? field = Take(path, required, example);
        if (field is null)
        {
            return null;
        }

        if (field.Kind != JsonKind.Number)
        {
            ReportWrongType(field, "a number");
            return null;
        }

        return double.TryParse(field.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : field.Text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>
    /// An integer, or null when absent or not an integer. A value beyond 32 bits is clamped to the nearest int, which
    /// every range check of <see cref="SpecValidator"/> rejects (quoting the text as written).
    /// </summary>
    public int? Integer(string path, bool required, string example)
    {
        JsonField? field = Take(path, required, example);
        if (field is null)
        {
            return null;
        }

        if (field.Kind != JsonKind.Number || !IsInteger(field.Text))
        {
            ReportWrongType(field, "an integer");
            return null;
        }

        if (!long.TryParse(field.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return field.Text[0] == '-' ? int.MinValue : int.MaxValue;
        }

        return value > int.MaxValue ? int.MaxValue : value < int.MinValue ? int.MinValue : (int)value;
    }

    /// <summary>A spelling of <see cref="PresetPlanner.Vocabulary.Spelling"/>, or null when absent or unknown (PP0012 lists the known ones).</summary>
    public T? Enum<T>(string path, bool required, string example, TryParseSpelling<T> parse, string[] names)
        where T : struct
    {
        string? text = String(path, required, example);
        if (text is null)
        {
            return null;
        }

        if (Array.IndexOf(names, text) >= 0 && parse(text, out T value))
        {
            return value;
        }

        Report(PresetRules.UnknownEnumValue, path, path, text, string.Join(", ", names));
        return null;
    }

    /// <summary>
    /// Reports what <see cref="SpecValidator"/> found, each at its property (<paramref name="pathOf"/> maps the field to
    /// the JSON path): out of range PP0005, inconsistent PP0006, implausible PP0007; values quoted as written.
    /// </summary>
    public void Report(List<SpecProblem> problems, Func<SpecField, string> pathOf)
    {
        foreach (SpecProblem problem in problems)
        {
            string path = pathOf(problem.Field);
            string value = _document[path] is JsonField field && field.Kind == JsonKind.Number ? field.Text : problem.Value;
            switch (problem.Kind)
            {
                case ProblemKind.OutOfRange:
                    Report(PresetRules.OutOfRange, path, path, value, problem.Detail);
                    break;
                case ProblemKind.Inconsistent:
                    Report(PresetRules.InconsistentShape, path, problem.Value, problem.Detail);
                    break;
                default:
                    Report(PresetRules.ImplausibleValue, path, path, value, problem.Detail);
                    break;
            }
        }
    }

    /// <summary>Reads an optional nested object; true when it is present and is an object.</summary>
    public bool Object(string path)
    {
        JsonField? field = _document[path];
        if (field is null)
        {
            return false;
        }

        field.Consumed = true;
        if (field.Kind != JsonKind.Object)
        {
            ReportWrongType(field, "an object");
            return false;
        }

        return true;
    }

    /// <summary>Reports properties no parser read, and repeated properties.</summary>
    public void ReportLeftovers()
    {
        foreach ((JsonField _, JsonField repeat) in _document.Duplicates)
        {
            Problems.Add(PresetProblem.Create(
                PresetRules.DuplicateProperty,
                _document.Positions.Locate(repeat.StartByte, repeat.EndByte),
                DisplayName,
                repeat.Path));
        }

        foreach (JsonField field in _document.Fields)
        {
            if (!field.Consumed && field.Path != "$schema")
            {
                Problems.Add(PresetProblem.Create(
                    PresetRules.UnknownProperty,
                    _document.Positions.Locate(field.StartByte, field.EndByte),
                    DisplayName,
                    field.Path,
                    Schema));
            }
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsInteger(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!(char.IsDigit(text[i]) || (i == 0 && text[i] == '-')))
            {
                return false;
            }
        }

        return true;
    }

    private JsonField? Take(string path, bool required, string example)
    {
        JsonField? field = _document[path];
        if (field is null)
        {
            if (required)
            {
                Report(PresetRules.MissingProperty, ParentOf(path), path, example, Schema);
            }

            return null;
        }

        field.Consumed = true;
        return field;
    }

    private static string ParentOf(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? string.Empty : path.Substring(0, dot);
    }

    private void ReportWrongType(JsonField field, string expected) =>
        Report(PresetRules.WrongType, field.Path, field.Path, expected, JsonField.Describe(field.Kind));
}
