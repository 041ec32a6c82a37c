using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using PresetPlanner.Generator.Diagnostics;

namespace PresetPlanner.Generator.Parsing;

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

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public bool HasErrors
    {
        get
        {
            foreach (DiagnosticInfo d in Diagnostics)
            {
                if (d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public bool Has(string path) => _document[path] is not null;

    /// <summary>The location of a property, or the start of the file when it is absent.</summary>
    public LocationInfo At(string path)
    {
        JsonField? field = _document[path];
        return field is null ? _document.Positions.Locate(0, 0) : _document.Positions.Locate(field.StartByte, field.EndByte);
    }

    public void Report(DiagnosticDescriptor descriptor, string path, params string[] arguments)
    {
        string[] all = new string[arguments.Length + 1];
        all[0] = DisplayName;
        arguments.CopyTo(all, 1);
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, At(path), all));
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

    public double? Number(string path, bool required, string example, double min, bool minExclusive, double max = double.MaxValue)
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

        double value = double.Parse(field.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        bool low = minExclusive ? value <= min : value < min;
        if (low || value > max)
        {
            string bound = max == double.MaxValue
                ? (minExclusive ? "greater than " : "at least ") + Format(min)
                : "between " + Format(min) + (minExclusive ? " (exclusive)" : string.Empty) + " and " + Format(max);
            Report(DiagnosticDescriptors.OutOfRange, path, path, field.Text, bound);
            return null;
        }

        return value;
    }

    public int? Integer(string path, bool required, string example, int min)
    {
        JsonField? field = Take(path, required, example);
        if (field is null)
        {
            return null;
        }

        if (field.Kind != JsonKind.Number)
        {
            ReportWrongType(field, "an integer");
            return null;
        }

        if (!long.TryParse(field.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            Report(DiagnosticDescriptors.WrongType, path, path, "an integer", field.Text);
            return null;
        }

        if (value < min || value > int.MaxValue)
        {
            string bound = min == 1 ? "a positive integer" : "an integer of at least " + Format(min);
            Report(DiagnosticDescriptors.OutOfRange, path, path, field.Text, bound);
            return null;
        }

        return (int)value;
    }

    public T? Enum<T>(string path, bool required, string example, (string Name, T Value)[] values)
        where T : struct
    {
        string? text = String(path, required, example);
        if (text is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach ((string name, T value) in values)
        {
            if (name == text)
            {
                return value;
            }

            names.Add(name);
        }

        Report(DiagnosticDescriptors.UnknownEnumValue, path, path, text, string.Join(", ", names));
        return null;
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

    /// <summary>Warns when a value is beyond what any real model or machine has.</summary>
    public void Plausible(string path, double? value, double max, string why)
    {
        if (value is double v && v > max)
        {
            Report(DiagnosticDescriptors.ImplausibleValue, path, path, Format(v), why);
        }
    }

    /// <summary>Reports properties no parser read, and repeated properties.</summary>
    public void ReportLeftovers()
    {
        foreach ((JsonField _, JsonField repeat) in _document.Duplicates)
        {
            Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.DuplicateProperty,
                _document.Positions.Locate(repeat.StartByte, repeat.EndByte),
                DisplayName,
                repeat.Path));
        }

        foreach (JsonField field in _document.Fields)
        {
            if (!field.Consumed && field.Path != "$schema")
            {
                Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnknownProperty,
                    _document.Positions.Locate(field.StartByte, field.EndByte),
                    DisplayName,
                    field.Path,
                    Schema));
            }
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private JsonField? Take(string path, bool required, string example)
    {
        JsonField? field = _document[path];
        if (field is null)
        {
            if (required)
            {
                Report(DiagnosticDescriptors.MissingProperty, ParentOf(path), path, example, Schema);
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
        Report(DiagnosticDescriptors.WrongType, field.Path, field.Path, expected, JsonField.Describe(field.Kind));
}
