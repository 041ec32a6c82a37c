using System.Text;

namespace PresetPlanner.Calibration.Runs;

/// <summary>A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines.</summary>
public static class CsvReader
{
    /// <summary>The rows of <paramref name="text"/> keyed by the header's column names.</summary>
    public static List<Dictionary<string, string>> Read(string text)
    {
        List<List<string>> records = Parse(text);
        if (records.Count == 0)
        {
            return [];
        }

        List<string> header = records[0];
        var rows = new List<Dictionary<string, string>>();
        foreach (List<string> record in records.Skip(1))
        {
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++)
            {
                row[header[i]] = i < record.Count ? record[i] : string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
