namespace Vae.Dsl.Data;

/// <summary>
/// How a user names a run's data: what <c>vae train</c>'s data options hold, before <see cref="DataSourceResolver"/> turns
/// them into <see cref="DataSources"/>. Null is an option not given.
/// </summary>
/// <param name="Data">--data: a folder of MNIST-style IDX files under Fashion-MNIST's names (the default: the Debian
/// package's Fashion-MNIST), or one file of examples (.csv, .npy or IDX, each may be gzipped).</param>
/// <param name="TestData">--test-data: a file of test examples; without it, a file given to --data is split in two.</param>
/// <param name="Format">--format: the format of the --data and --test-data files, where their names do not say it.</param>
/// <param name="Labels">--labels: a file of the --data examples' classes, for a conditional model (IDX labels, .npy, or one-column CSV).</param>
/// <param name="TestLabels">--test-labels: a file of the --test-data examples' classes.</param>
/// <param name="LabelColumn">--label-column: the column of CSV files that holds each example's class, by its header name or its number from 1.</param>
/// <param name="CsvHeader">--csv-header: whether CSV files start with a line naming the columns; null: line 1 says so itself.</param>
/// <param name="TestFraction">--test-fraction: the fraction of a split --data file held out for testing (default 0.1).</param>
/// <param name="SplitSeed">--split-seed: the seed that chooses which examples are held out (default 0).</param>
public sealed record DataSourceOptions(
    string Data,
    string? TestData = null,
    DataFormat? Format = null,
    string? Labels = null,
    string? TestLabels = null,
    string? LabelColumn = null,
    bool? CsvHeader = null,
    double? TestFraction = null,
    ulong? SplitSeed = null);
