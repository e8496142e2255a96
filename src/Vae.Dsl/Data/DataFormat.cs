using System;
using System.IO;

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

/// <summary>The words that name a <see cref="DataFormat"/>, and the format a file's name says.</summary>
public static class DataFormats
{
    /// <summary>The words <c>vae train --format</c> accepts.</summary>
    public static readonly string[] Words = ["idx", "csv", "npy"];

    public static string WordFor(DataFormat format) => format switch
    {
        DataFormat.Idx => "idx",
        DataFormat.Csv => "csv",
        _ => "npy",
    };

    /// <summary>The format a word names: idx, csv or npy, in any case.</summary>
    public static DataFormat Parse(string word) => word.ToLowerInvariant() switch
    {
        "idx" => DataFormat.Idx,
        "csv" => DataFormat.Csv,
        "npy" => DataFormat.Npy,
        _ => throw new DatasetException($"unknown data format '{word}'; expected one of: {string.Join(", ", Words)}"),
    };

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

        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.Csv;
        }

        if (name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.Npy;
        }

        if (name.EndsWith(".idx", StringComparison.OrdinalIgnoreCase) || name.EndsWith("ubyte", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.Idx;
        }

        return null;
    }
}
