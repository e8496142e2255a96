using System.Collections.Generic;
using System.CommandLine;
using Vae.Dsl.Data;

namespace Vae.Dsl.Cli.Data;

/// <summary>
/// The options of <c>vae train</c> that say where the data come from, and the <see cref="DataSourceOptions"/> they give;
/// <see cref="DataSourceResolver"/> checks how they go together.
/// </summary>
internal sealed class DataCommandOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Training data: a folder of MNIST-style IDX files under Fashion-MNIST's names (with its own test set), or one file of examples: .csv, .npy or IDX, each may be gzipped (.gz).",
        DefaultValueFactory = _ => FashionMnist.DefaultDirectory,
    };

    public Option<string?> TestData { get; } = new("--test-data")
    {
        Description = "Test examples, a file like --data's. Without it, --test-fraction of the --data file is held out for testing.",
    };

    public Option<string?> Format { get; } = new Option<string?>("--format")
    {
        Description = "The format of the --data and --test-data files, where their names (.csv, .npy, .idx, ...ubyte) do not say it.",
    }.AcceptOnlyFromAmong(DataFormats.Words);

    public Option<string?> Labels { get; } = new("--labels")
    {
        Description = "The classes of the --data examples, for a conditional model: an IDX label file, a .npy array or a one-column CSV file, in the examples' order.",
    };

    public Option<string?> TestLabels { get; } = new("--test-labels") { Description = "The classes of the --test-data examples." };

    public Option<string?> LabelColumn { get; } = new("--label-column")
    {
        Description = "CSV: the column holding each example's class, by its header name or its number from 1; it is not a feature.",
    };

    public Option<bool?> CsvHeader { get; } = new("--csv-header")
    {
        HelpName = "true|false",
        Description = "CSV: true (or the option alone) if line 1 names the columns, false if it is data (default: line 1 says so itself, all names or all numbers).",
    };

    public Option<double?> TestFraction { get; } = WithFractionCheck(new Option<double?>("--test-fraction")
    {
        Description = $"The fraction of the --data file held out for testing when there is no --test-data (default {TrainTestSplit.DefaultTestFraction}).",
    });

    public Option<ulong?> SplitSeed { get; } = new("--split-seed")
    {
        Description = $"The seed that chooses which examples are held out (default {TrainTestSplit.DefaultSeed}; the model's seed does not change it).",
    };

    /// <summary>Every option, in the order the help lists them.</summary>
    public IEnumerable<Option> All => [Data, TestData, Format, Labels, TestLabels, LabelColumn, CsvHeader, TestFraction, SplitSeed];

    public DataSourceOptions From(ParseResult parsed) => new(
        parsed.GetValue(Data)!,
        parsed.GetValue(TestData),
        parsed.GetValue(Format) is { } format ? DataFormats.Parse(format) : null,
        parsed.GetValue(Labels),
        parsed.GetValue(TestLabels),
        parsed.GetValue(LabelColumn),
        parsed.GetValue(CsvHeader),
        parsed.GetValue(TestFraction),
        parsed.GetValue(SplitSeed));

    private static Option<double?> WithFractionCheck(Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            // a token that is not a number is already a parse error of its own; only a parsed value is checked here
            if (result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && !(value > 0 && value < 1))
            {
                result.AddError($"{option.Name} must lie strictly between 0 and 1, not {result.Tokens[0].Value}");
            }
        });
        return option;
    }
}
