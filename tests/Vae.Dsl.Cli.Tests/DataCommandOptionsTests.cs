using System.CommandLine;
using System.Linq;
using Shouldly;
using Vae.Dsl.Cli.Data;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>vae train's data options as a command line gives them: their values, their defaults, and the bad ones.</summary>
public sealed class DataCommandOptionsTests
{
    [Fact]
    public void EveryOption_ReachesTheDataSourceOptions()
    {
        var (options, parsed) = Parse(
            "--data", "x.txt", "--test-data", "t.txt", "--format", "csv", "--labels", "y.npy", "--test-labels", "u.npy",
            "--label-column", "class", "--csv-header", "true", "--test-fraction", "0.25", "--split-seed", "7");

        parsed.Errors.ShouldBeEmpty();
        options.From(parsed).ShouldBe(new DataSourceOptions("x.txt", "t.txt", DataFormat.Csv, "y.npy", "u.npy", "class", true, 0.25, 7));
    }

    [Fact]
    public void NothingGiven_IsTheFashionMnistFolder()
    {
        var (options, parsed) = Parse();

        options.From(parsed).ShouldBe(new DataSourceOptions(FashionMnist.DefaultDirectory));
    }

    [Fact]
    public void CsvHeaderFalse_IsFalse()
    {
        var (options, parsed) = Parse("--data", "x.csv", "--csv-header", "false");

        options.From(parsed).CsvHeader.ShouldBe(false);
    }

    [Fact]
    public void CsvHeaderAlone_IsTrue()
    {
        var (options, parsed) = Parse("--data", "x.csv", "--csv-header");

        options.From(parsed).CsvHeader.ShouldBe(true);
    }

    [Theory]
    [InlineData("--format", "xls")]
    [InlineData("--test-fraction", "1")]
    [InlineData("--test-fraction", "0")]
    [InlineData("--split-seed", "-1")]
    public void BadValue_IsAParseError(string option, string value)
    {
        var (_, parsed) = Parse(option, value);

        parsed.Errors.ShouldNotBeEmpty();
    }

    private static (DataCommandOptions Options, ParseResult Parsed) Parse(params string[] arguments)
    {
        var options = new DataCommandOptions();
        var command = new RootCommand();
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        return (options, command.Parse(arguments));
    }
}
