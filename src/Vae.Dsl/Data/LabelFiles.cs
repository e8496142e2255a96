namespace Vae.Dsl.Data;

/// <summary>
/// Reads a file of labels, one whole number per example in the examples' order: an IDX label file (as MNIST ships), a .npy
/// array of shape [N] or [N, 1], or a CSV file of one column (with or without a header line).
/// </summary>
public static class LabelFiles
{
    public static ExampleLabels Read(string path, DataFormat format, bool? csvHeader = null) => DataFormats.Of(format).ReadLabels(path, csvHeader);

    internal static ExampleLabels FromIdx(string path)
    {
        var labels = IdxLabels.Read(path);
        var values = new long[labels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = labels.Labels[i];
        }

        return new ExampleLabels(path, values, n => $"label {n + 1}");
    }

    internal static ExampleLabels FromNpy(string path)
    {
        var array = NpyArray.Read(path);
        if (array.Shape is not [_] and not [_, 1])
        {
            throw new DatasetException($"{path}: labels of shape {NpyArray.ShapeText(array.Shape)}; a labels array has shape (N,) or (N, 1), one label per example");
        }

        return new ExampleLabels(path, array.ToInt64s(), n => $"at index {array.IndexText(n)}");
    }

    internal static ExampleLabels FromCsv(string path, bool? header)
    {
        var csv = CsvExamples.Read(path, new CsvLayout(header, LabelColumn: "1"));
        if (csv.FeatureCount != 0)
        {
            throw new DatasetException($"{path}: {csv.FeatureCount + 1} columns; a labels file has one, a whole number per line");
        }

        return new ExampleLabels(path, csv.Labels!, csv.LocateLabel);
    }
}
