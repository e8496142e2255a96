using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;

namespace Vae.Dsl.Data;

/// <summary>
/// A CSV file of examples, read with CsvHelper: one example per line, its features numbers separated by commas, every line
/// with the same number of fields. Fields may be quoted (RFC 4180); spaces around a field and blank lines are ignored.
/// Optionally line 1 names the columns, and one column holds each example's class as a whole number (<see cref="CsvLayout"/>).
/// Numbers are read in the invariant culture (a decimal point, an optional exponent); nan, inf and -inf as NumPy's savetxt
/// writes them, and NaN and Infinity as .NET does, are read as such, for the checks to report. Gzipped (.csv.gz) or not.
/// </summary>
/// <param name="File">The file, for messages.</param>
/// <param name="ColumnNames">The header's names of all columns, or null without a header.</param>
/// <param name="LabelColumn">The index (from 0) of the label column among all columns, or null.</param>
/// <param name="FeatureCount">The columns that are features: all but the label column.</param>
/// <param name="Values">The features, example after example: [Count, FeatureCount] in row-major order.</param>
/// <param name="Labels">The label column's values, one per example, or null.</param>
/// <param name="Lines">The file's line number (from 1) of each example.</param>
public sealed record CsvExamples(string File, string[]? ColumnNames, int? LabelColumn, int FeatureCount, float[] Values, long[]? Labels, int[] Lines)
{
    public long Count => Lines.Length;

    public static CsvExamples Read(string path, CsvLayout layout) => DataFile.Read(path, stream => Read(stream, path, layout));

    public static CsvExamples Read(Stream stream, string name, CsvLayout layout)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };
        try
        {
            using var reader = new StreamReader(stream);
            using var parser = new CsvParser(reader, configuration);
            return Read(parser, name, layout);
        }
        catch (CsvHelperException e)
        {
            throw new DatasetException($"{name}: not a readable CSV file: {e.Message}", e);
        }
    }

    /// <summary>Where a feature of an example is in the file: line 12, column 3 ('x2').</summary>
    public string Locate(long example, long feature)
    {
        var column = LabelColumn is { } label && feature >= label ? (int)feature + 1 : (int)feature;
        return $"line {Lines[example]}, {ColumnText(column)}";
    }

    /// <summary>Where an example's label is in the file.</summary>
    public string LocateLabel(long example) => $"line {Lines[example]}, {ColumnText(LabelColumn ?? 0)}";

    private string ColumnText(int column) => ColumnNames is null ? $"column {column + 1}" : $"column {column + 1} ('{ColumnNames[column]}')";

    private static CsvExamples Read(CsvParser parser, string name, CsvLayout layout)
    {
        if (!parser.Read())
        {
            throw new DatasetException($"{name}: the file is empty");
        }

        var first = parser.Record!;
        var firstLine = parser.RawRow;
        var columnCount = first.Length;
        var hasHeader = layout.Header ?? IsHeader(first, firstLine, name);
        var names = hasHeader ? first : null;
        var labelColumn = layout.LabelColumn is { } wanted ? FindColumn(wanted, names, columnCount, name) : (int?)null;

        var values = new List<float>();
        var labels = labelColumn is null ? null : new List<long>();
        var lines = new List<int>();
        void Add(string[] record, int line)
        {
            string Where(int column) => $"{name} line {line}, column {column + 1}{(names is null ? "" : $" ('{names[column]}')")}";
            if (record.Length != columnCount)
            {
                throw new DatasetException($"{name} line {line}: {record.Length} fields, where line {firstLine} has {columnCount}");
            }

            for (var column = 0; column < columnCount; column++)
            {
                var field = record[column];
                if (!TryParseNumber(field, out var value))
                {
                    throw new DatasetException(field.Length == 0 ? $"{Where(column)}: an empty field, not a number" : $"{Where(column)}: '{field}' is not a number");
                }

                if (column == labelColumn)
                {
                    labels!.Add(IsWholeNumber(value) ? (long)value : throw new DatasetException($"{Where(column)}: the label {field} is not a whole number"));
                }
                else
                {
                    // a finite number beyond float32's range (about ±3.4e38) would become infinite
                    values.Add(double.IsFinite(value) && float.IsInfinity((float)value) ? throw new DatasetException($"{Where(column)}: {field} does not fit in float32") : (float)value);
                }
            }

            lines.Add(line);
        }

        if (!hasHeader)
        {
            Add(first, firstLine);
        }

        while (parser.Read())
        {
            Add(parser.Record!, parser.RawRow);
        }

        var featureCount = labelColumn is null ? columnCount : columnCount - 1;
        return new CsvExamples(name, names, labelColumn, featureCount, values.ToArray(), labels?.ToArray(), lines.ToArray());
    }

    private static bool IsWholeNumber(double value) => double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 9.2e18;

    // Line 1 is a header when none of its fields is a number and data when all are; a mix is not guessed at.
    private static bool IsHeader(string[] first, int line, string name)
    {
        var numbers = first.Count(field => TryParseNumber(field, out _));
        if (numbers == 0)
        {
            return true;
        }

        if (numbers == first.Length)
        {
            return false;
        }

        var text = first.First(field => !TryParseNumber(field, out _));
        throw new DatasetException(
            $"{name} line {line} mixes names and numbers ('{text}' is not a number): say whether it is a header (--csv-header true or false)");
    }

    // A column by its header name, else by its number counting from 1.
    private static int FindColumn(string wanted, string[]? names, int columnCount, string name)
    {
        if (names is not null && Array.IndexOf(names, wanted) is var index and >= 0)
        {
            return index;
        }

        if (int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= columnCount
                ? number - 1
                : throw new DatasetException($"{name}: there is no column {number} for the labels; its lines have {columnCount} columns, numbered from 1");
        }

        throw new DatasetException(names is null
            ? $"{name}: there is no header to find the label column '{wanted}' by name; give its number, counting from 1"
            : $"{name}: no column is named '{wanted}' for the labels; the header names {string.Join(", ", names.Select(n => $"'{n}'"))}");
    }

    // The invariant culture's numbers, and NumPy's nan, inf and -inf.
    private static bool TryParseNumber(string field, out double value)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        switch (field.ToLowerInvariant())
        {
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                return false;
        }
    }
}
