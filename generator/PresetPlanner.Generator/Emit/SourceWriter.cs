using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace PresetPlanner.Generator.Emit;

/// <summary>A small indented text writer for generated code (the System.Text.Json generator's pattern).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();

    public int Indentation { get; set; }

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            _sb.Append(' ', Indentation * 4);
        }

        _sb.Append(line).Append('\n');
    }

    public void WriteLine() => _sb.Append('\n');

    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        Indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    public SourceText ToSourceText()
    {
        if (Indentation != 0)
        {
            throw new InvalidOperationException("Generated code left indentation at " + Indentation);
        }

        return SourceText.From(_sb.ToString(), Encoding.UTF8);
    }

    public override string ToString() => _sb.ToString();
}
