using System.Linq;

namespace Vae.Dsl.Data;

/// <summary>
/// Reads the examples a <see cref="DataSource"/> names, whatever their format, into one <see cref="ExampleTable"/>.
/// Unsigned bytes (IDX images, uint8 .npy arrays) are grey levels 0 to 255 and are scaled by 1/255 into [0, 1], as
/// <see cref="FashionMnist"/> does; every other number is taken as it is.
/// </summary>
public static class ExampleFiles
{
    /// <summary>The examples of <paramref name="source"/>, with their labels when <paramref name="withLabels"/> and it has them.</summary>
    public static ExampleTable Read(DataSource source, bool withLabels)
    {
        var table = DataFormats.Of(source.Format).ReadExamples(source);
        if (!withLabels)
        {
            return table with { Labels = null };
        }

        return source.LabelsPath is { } labels ? table with { Labels = LabelFiles.Read(labels, source.LabelsFormat, source.Csv.Header) } : table;
    }

    internal static ExampleTable FromIdx(string path)
    {
        var images = IdxImages.Read(path);
        var values = new float[images.Pixels.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = images.Pixels[i] / 255f;
        }

        return new ExampleTable(
            path,
            $"images of {images.Rows} x {images.Columns} pixels",
            images.Count,
            [images.Rows, images.Columns],
            values,
            null,
            (n, f) => $"image {n + 1}, row {(f / images.Columns) + 1}, column {(f % images.Columns) + 1}");
    }

    internal static ExampleTable FromNpy(string path)
    {
        var array = NpyArray.Read(path);
        if (array.Shape.Length == 0)
        {
            throw new DatasetException($"{path}: a scalar, not an array of examples; its first dimension must count the examples");
        }

        // [N] is N examples of one feature; [N, d1, d2, ...] is N examples of shape [d1, d2, ...]
        var exampleShape = array.Shape.Length == 1 ? [1L] : array.Shape[1..];
        var values = array.ToSingles();
        if (array.ElementType == NpyElementType.UInt8)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] /= 255f;
            }
        }

        var perExample = exampleShape.Aggregate(1L, (product, dimension) => product * dimension);
        return new ExampleTable(
            path,
            $"an array of shape {NpyArray.ShapeText(array.Shape)}",
            array.Shape[0],
            exampleShape,
            values,
            null,
            (n, f) => $"at index {array.IndexText((n * perExample) + f)}");
    }

    internal static ExampleTable FromCsv(string path, CsvLayout layout)
    {
        var csv = CsvExamples.Read(path, layout);
        var layoutText = csv.LabelColumn is { } label
            ? $"{csv.FeatureCount + 1} columns, {(csv.ColumnNames is null ? $"column {label + 1}" : $"'{csv.ColumnNames[label]}'")} holding the labels"
            : $"{csv.FeatureCount} columns";
        var labels = csv.Labels is null ? null : new ExampleLabels(path, csv.Labels, csv.LocateLabel);
        return new ExampleTable(path, layoutText, csv.Count, [csv.FeatureCount], csv.Values, labels, csv.Locate);
    }
}
