using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PresetPlanner.Cli.Input;

/// <summary>A training budget and a price: <c>--tokens 15T --gpu-hour-price 2.5</c>.</summary>
/// <param name="Tokens">Tokens to train on.</param>
/// <param name="Price">Price of one GPU-hour, or null.</param>
internal readonly record struct Budget(double Tokens, double? Price);

/// <summary><c>--tokens</c> and <c>--gpu-hour-price</c>: time to train, GPU-hours, GPU board energy and cost.</summary>
internal sealed partial class BudgetOptions
{
    public Option<string?> Tokens { get; } = Options.Text("--tokens", "Training budget in tokens (15T, 300B, 2.5e12): adds days, GPU-hours, GPU energy and, with --gpu-hour-price, cost");

    public Option<string?> Price { get; } = Options.Text("--gpu-hour-price", "Price of one GPU-hour, for the cost of --tokens (a number in your currency)");

    public void AddTo(Command command)
    {
        command.Add(Tokens);
        command.Add(Price);
    }

    /// <summary>The budget, or null without <c>--tokens</c>.</summary>
    public Budget? Read(ParseResult pr)
    {
        double? price = pr.GetValue(Price) is string p ? Numbers.Real("--gpu-hour-price", p, 0, 1e6) : null;
        if (pr.GetValue(Tokens) is not string text)
        {
            return price is null ? null : throw new UsageException("--gpu-hour-price prices a training budget: give --tokens too");
        }

        return new Budget(TokenCount(text), price);
    }

    /// <summary>"15T" = 1.5e13, "300B", "2M", "1e12": between one million and 1e16 tokens.</summary>
    public static double TokenCount(string text)
    {
        Match m = TokenPattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new UsageException($"--tokens: '{InputFile.Printable(text)}' is not a token count like 15T, 300B or 2.5e12");
        }

        double tokens = value * char.ToUpperInvariant(m.Groups[2].Value is { Length: 1 } s ? s[0] : ' ') switch
        {
            'K' => 1e3,
            'M' => 1e6,
            'B' or 'G' => 1e9,
            'T' => 1e12,
            _ => 1,
        };
        return tokens is >= 1e6 and <= 1e16
            ? tokens
            : throw new UsageException($"--tokens: '{InputFile.Printable(text)}' must be from 1M to 10,000T tokens");
    }

    [GeneratedRegex("^([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]{1,3})?)\\s*([kKmMbBgGtT]?)$")]
    private static partial Regex TokenPattern();
}
