namespace Vae.Dsl.Data;

/// <summary>One file of examples: where it is, its format, and where each example's class is.</summary>
/// <param name="Path">The file of examples.</param>
/// <param name="Format">Its format.</param>
/// <param name="Csv">How CSV files are laid out: the examples' when they are CSV (header, label column), and a CSV labels file's header.</param>
/// <param name="LabelsPath">A file of one label per example, or null; a CSV file may instead hold its labels in a column (<see cref="CsvLayout.LabelColumn"/>).</param>
/// <param name="LabelsFormat">The labels file's format.</param>
public sealed record DataSource(string Path, DataFormat Format, CsvLayout Csv, string? LabelsPath = null, DataFormat LabelsFormat = DataFormat.Idx)
{
    /// <summary>
    /// A file of examples in <paramref name="format"/>, or in the format its name says (<see cref="DataFormats.FromName"/>);
    /// its labels file's format is the one that file's name says, else the examples' format.
    /// </summary>
    public static DataSource Of(string path, DataFormat? format = null, string? labelsPath = null, CsvLayout? csv = null)
    {
        var examplesFormat = format ?? DataFormats.FromName(path)
            ?? throw new DatasetException(
                $"{path}: its name does not say its format (.csv, .npy, .idx, or an MNIST name ending in ubyte, each may be gzipped as .gz); give it with --format {string.Join(", ", DataFormats.Words)}");
        var labelsFormat = labelsPath is null ? examplesFormat : DataFormats.FromName(labelsPath) ?? examplesFormat;
        return new DataSource(path, examplesFormat, csv ?? new CsvLayout(), labelsPath, labelsFormat);
    }
}

/// <summary>Where a run's training and test examples come from: two sources, or one that is split in two (<see cref="TrainTestSplit"/>).</summary>
/// <param name="Train">The training examples, or all examples when <paramref name="Test"/> is null.</param>
/// <param name="Test">The test examples, or null to hold out a fraction of <paramref name="Train"/>'s.</param>
/// <param name="TestFraction">Without <paramref name="Test"/>: the fraction of the examples held out for testing.</param>
/// <param name="SplitSeed">Without <paramref name="Test"/>: the seed that chooses which examples are held out.</param>
public sealed record DataSources(
    DataSource Train,
    DataSource? Test,
    double TestFraction = TrainTestSplit.DefaultTestFraction,
    ulong SplitSeed = TrainTestSplit.DefaultSeed);
