using System.IO;
using System.Linq;

namespace Vae.Dsl.Data;

/// <summary>
/// Turns what the user said (<see cref="DataSourceOptions"/>) into <see cref="DataSources"/>, or a
/// <see cref="DatasetException"/> naming the options that do not go together. A folder given to --data holds MNIST-style IDX
/// files under Fashion-MNIST's names, train-* and t10k-*, gzipped or not: its own training and test sets, with their labels
/// for a conditional model. A file given to --data is the training set, and the test set is --test-data, or else a
/// fraction of the file (<see cref="TrainTestSplit"/>).
/// </summary>
public static class DataSourceResolver
{
    public static DataSources Resolve(DataSourceOptions options)
    {
        if (Directory.Exists(options.Data))
        {
            return FromFolder(options.Data, options);
        }

        if (!File.Exists(options.Data))
        {
            throw new DatasetException(options.Data == FashionMnist.DefaultDirectory
                ? $"Fashion-MNIST not found: {options.Data} does not exist; install the Debian package {FashionMnist.DebianPackage} (sudo apt-get install {FashionMnist.DebianPackage}), or give your own data with --data"
                : $"--data {options.Data}: no such file or folder");
        }

        return FromFiles(options);
    }

    private static DataSources FromFolder(string folder, DataSourceOptions options)
    {
        var fileOnly = new (string Option, bool Given)[]
        {
            ("--test-data", options.TestData is not null),
            ("--format", options.Format is not null),
            ("--labels", options.Labels is not null),
            ("--test-labels", options.TestLabels is not null),
            ("--label-column", options.LabelColumn is not null),
            ("--csv-header", options.CsvHeader is not null),
            ("--test-fraction", options.TestFraction is not null),
            ("--split-seed", options.SplitSeed is not null),
        }.Where(o => o.Given).Select(o => o.Option).ToArray();
        if (fileOnly.Length > 0)
        {
            throw new DatasetException(
                $"--data {folder} is a folder of MNIST-style IDX files with its own test set and labels; {string.Join(", ", fileOnly)} {(fileOnly.Length == 1 ? "applies" : "apply")} to a file given to --data");
        }

        var csv = new CsvLayout();
        return new DataSources(
            new DataSource(Images(folder, FashionMnist.TrainImages), DataFormat.Idx, csv, Labels(folder, FashionMnist.TrainLabels), DataFormat.Idx),
            new DataSource(Images(folder, FashionMnist.TestImages), DataFormat.Idx, csv, Labels(folder, FashionMnist.TestLabels), DataFormat.Idx));
    }

    private static string Images(string folder, string gzipped)
    {
        var path = InFolder(folder, gzipped);
        if (!File.Exists(path))
        {
            var hint = folder == FashionMnist.DefaultDirectory
                ? $"install the Debian package {FashionMnist.DebianPackage} (sudo apt-get install {FashionMnist.DebianPackage})"
                : "--data takes a folder of MNIST-style IDX files, or one file of examples";
            throw new DatasetException($"Fashion-MNIST not found: {path} does not exist; {hint}");
        }

        return path;
    }

    // Labels are read only for a conditional model: a missing labels file is an error then, not now.
    private static string Labels(string folder, string gzipped) => InFolder(folder, gzipped);

    // A file of the folder under its gzipped name, or under the name without .gz where only that one exists.
    private static string InFolder(string folder, string gzipped)
    {
        var path = Path.Combine(folder, gzipped);
        var plain = Path.Combine(folder, Path.GetFileNameWithoutExtension(gzipped));
        return !File.Exists(path) && File.Exists(plain) ? plain : path;
    }

    private static DataSources FromFiles(DataSourceOptions options)
    {
        if (options.TestLabels is not null && options.TestData is null)
        {
            throw new DatasetException("--test-labels goes with --test-data; the labels of a --data file that is split come from --labels");
        }

        if (options.TestData is not null && (options.TestFraction is not null || options.SplitSeed is not null))
        {
            throw new DatasetException("--test-fraction and --split-seed split a --data file in two; with --test-data there is nothing to split");
        }

        if (options.Labels is not null && options.LabelColumn is not null)
        {
            throw new DatasetException("--labels and --label-column both say where the labels are; give one");
        }

        if (options.TestFraction is { } fraction && !(fraction > 0 && fraction < 1))
        {
            throw new DatasetException($"--test-fraction must lie strictly between 0 and 1, not {fraction}");
        }

        var csv = new CsvLayout(options.CsvHeader, options.LabelColumn);
        var train = DataSource.Of(options.Data, options.Format, options.Labels, csv);
        var test = options.TestData is { } testData ? DataSource.Of(testData, options.Format, options.TestLabels, csv) : null;
        DataSource[] sources = test is null ? [train] : [train, test];
        if (options.LabelColumn is not null && sources.FirstOrDefault(s => s.Format != DataFormat.Csv) is { } notCsv)
        {
            throw new DatasetException($"--label-column names a column of CSV files; {notCsv.Path} is {DataFormats.WordFor(notCsv.Format)}");
        }

        var anyCsv = sources.Any(s => s.Format == DataFormat.Csv || (s.LabelsPath is not null && s.LabelsFormat == DataFormat.Csv));
        if (options.CsvHeader is not null && !anyCsv)
        {
            throw new DatasetException("--csv-header applies to CSV files, and none is given");
        }

        return new DataSources(train, test, options.TestFraction ?? TrainTestSplit.DefaultTestFraction, options.SplitSeed ?? TrainTestSplit.DefaultSeed);
    }
}
