using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Vae.Dsl.Data;

/// <summary>The file formats examples and labels are read from.</summary>
public enum DataFormat
{
    /// <summary>IDX, as MNIST and Fashion-MNIST ship: images of unsigned bytes, or labels (<see cref="IdxImages"/>, <see cref="IdxLabels"/>).</summary>
    Idx,

    /// <summary>Comma-separated numbers, one example per line (<see cref="CsvExamples"/>).</summary>
    Csv,

    /// <summary>A NumPy array saved by numpy.save (<see cref="NpyArray"/>).</summary>
    Npy,
}

/// <summary>
/// One registered format: the word that names it, the ends of the file names that say it, and how its examples and its
/// labels are read.
/// </summary>
/// <param name="NameEndings">How a file's name ends in this format (after any .gz), in any case.</param>
/// <param name="ReadExamples">The examples of a source in this format.</param>
/// <param name="ReadLabels">The labels of a file in this format; a CSV file's header line as given (null: detect it).</param>
public sealed record DataFormatEntry(
    DataFormat Format, string Word, string[] NameEndings, Func<DataSource, ExampleTable> ReadExamples, Func<string, bool?, ExampleLabels> ReadLabels);

/// <summary>The registry of data formats: what names a <see cref="DataFormat"/>, the format a file's name says, and its readers.</summary>
public static class DataFormats
{
    /// <summary>Every format, once; a format missing here is an error wherever it is used, never read as another.</summary>
    public static readonly IReadOnlyList<DataFormatEntry> All =
    [
        new(DataFormat.Idx, "idx", [".idx", "ubyte"], source => ExampleFiles.FromIdx(source.Path), (path, _) => LabelFiles.FromIdx(path)),
        new(DataFormat.Csv, "csv", [".csv"], source => ExampleFiles.FromCsv(source.Path, source.Csv), LabelFiles.FromCsv),
        new(DataFormat.Npy, "npy", [".npy"], source => ExampleFiles.FromNpy(source.Path), (path, _) => LabelFiles.FromNpy(path)),
    ];

    /// <summary>The words <c>vae train --format</c> accepts.</summary>
    public static readonly string[] Words = All.Select(entry => entry.Word).ToArray();

    /// <summary>The registry's entry of <paramref name="format"/>.</summary>
    public static DataFormatEntry Of(DataFormat format) =>
        All.FirstOrDefault(entry => entry.Format == format) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "a data format missing from DataFormats.All");

    public static string WordFor(DataFormat format) => Of(format).Word;

    /// <summary>The format a word names, in any case.</summary>
    public static DataFormat Parse(string word) =>
        All.FirstOrDefault(entry => string.Equals(entry.Word, word, StringComparison.OrdinalIgnoreCase))?.Format
        ?? throw new DatasetException($"unknown data format '{word}'; expected one of: {string.Join(", ", Words)}");

    /// <summary>
    /// The format a file's name says, a trailing .gz set aside (every format may be gzipped): .csv is CSV; .npy is NumPy;
    /// .idx, or a name ending in "ubyte" as MNIST's train-images-idx3-ubyte, is IDX. Null when the name says none.
    /// </summary>
    public static DataFormat? FromName(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        return All.FirstOrDefault(entry => entry.NameEndings.Any(ending => name.EndsWith(ending, StringComparison.OrdinalIgnoreCase)))?.Format;
    }
}
