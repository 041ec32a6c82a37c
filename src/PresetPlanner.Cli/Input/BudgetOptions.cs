using System.CommandLine;
using PresetPlanner.Presentation.Text;

namespace PresetPlanner.Cli.Input;

/// <summary>A training budget and a price: <c>--tokens 15T --gpu-hour-price 2.5</c>.</summary>
/// <param name="Tokens">Tokens to train on.</param>
/// <param name="Price">Price of one GPU-hour, or null.</param>
internal readonly record struct Budget(double Tokens, double? Price);

/// <summary><c>--tokens</c> and <c>--gpu-hour-price</c>: time to train, GPU-hours, GPU board energy and cost.</summary>
internal sealed class BudgetOptions
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

    /// <summary>"15T" = 1.5e13, "300B", "2M", "1e12": between one million and 1e16 tokens (<see cref="BudgetText.TryParseTokens"/>).</summary>
    public static double TokenCount(string text) => BudgetText.TryParseTokens(text, out double tokens)
        ? tokens
        : throw new UsageException($"--tokens: '{InputFile.Printable(text)}' is not a token count from 1M to 10,000T, like 15T, 300B or 2.5e12");
}
