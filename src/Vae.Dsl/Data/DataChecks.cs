using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vae.Dsl.Models;

namespace Vae.Dsl.Data;

/// <summary>
/// What examples read from a file must be for a model, checked before training starts: the model's number of features per
/// example (and its event shape, where the file has one); finite values that fit the values the model file declares
/// (data.values: binary data are 0 or 1, unit-interval data lie in [0, 1], real data are any finite number); and for a
/// conditional model, one label per example in [0, classes). Each failure is a <see cref="DatasetException"/> naming the
/// file and, where it helps, where in the file, with how many values fail the same way.
/// </summary>
public static class DataChecks
{
    public static void Check(ExampleTable table, VaeModelInfo model)
    {
        Features(table, model);
        Finite(table);
        Values(table, model);
        Labels(table, model);
    }

    private static void Features(ExampleTable table, VaeModelInfo model)
    {
        if (table.Count == 0)
        {
            throw new DatasetException($"{table.File}: no examples");
        }

        if (table.FeatureCount != model.FeatureCount)
        {
            throw new DatasetException(
                $"{table.File}: {table.FeatureCount} features per example ({table.Layout}), but {model.Name} takes {model.FeatureCount} (data shape {ShapeText(model.DataShape)} in {model.SourceFile})");
        }

        // A model of shape [C, H, W] reads each example in that layout: the same number of features in another layout
        // (14 x 56 for 1 x 28 x 28, or channels last) is a mistake. Dimensions of 1 do not count; flat examples always fit.
        var fileShape = table.ExampleShape.Where(d => d != 1).ToArray();
        var modelShape = model.DataShape.Where(d => d != 1).ToArray();
        if (fileShape.Length > 1 && modelShape.Length > 1 && !fileShape.SequenceEqual(modelShape))
        {
            throw new DatasetException(
                $"{table.File}: each example has shape {ShapeText(table.ExampleShape)} ({table.Layout}), but {model.Name} takes {ShapeText(model.DataShape)} (data shape in {model.SourceFile}); flatten the examples to {model.FeatureCount} features, or reshape them to the model's shape");
        }
    }

    private static void Finite(ExampleTable table)
    {
        var values = table.Values;
        var first = Array.FindIndex(values, v => !float.IsFinite(v));
        if (first >= 0)
        {
            var count = values.Count(v => !float.IsFinite(v));
            throw new DatasetException(
                $"{table.File} {Where(table, first)}: {Text(values[first])} is not a finite number; {count} of {values.Length} values are NaN or infinite");
        }
    }

    private static void Values(ExampleTable table, VaeModelInfo model)
    {
        var values = table.Values;
        switch (model.DataValues)
        {
            case "binary":
            {
                var first = Array.FindIndex(values, v => v is not (0f or 1f));
                if (first >= 0)
                {
                    var count = values.Count(v => v is not (0f or 1f));
                    throw new DatasetException(
                        $"{table.File} {Where(table, first)}: {Text(values[first])} is not 0 or 1, but {model.Name} takes binary data (data.values in {model.SourceFile}); {count} of {values.Length} values are not 0 or 1");
                }

                break;
            }

            case "unit-interval":
            {
                var first = Array.FindIndex(values, v => v is < 0f or > 1f);
                if (first >= 0)
                {
                    var count = values.Count(v => v is < 0f or > 1f);
                    var hint = values.Max() > 1 ? "; grey levels 0 to 255 are scaled by 1/255 only when stored as unsigned bytes (IDX, or a uint8 .npy array)" : "";
                    throw new DatasetException(
                        $"{table.File} {Where(table, first)}: {Text(values[first])} lies outside [0, 1], but {model.Name} takes unit-interval data (data.values in {model.SourceFile}; unit-interval is the default); {count} of {values.Length} values lie outside{hint}");
                }

                break;
            }
        }
    }

    private static void Labels(ExampleTable table, VaeModelInfo model)
    {
        if (model.ConditionClasses is not { } classes)
        {
            return;
        }

        if (table.Labels is not { } labels)
        {
            throw new DatasetException(
                $"{table.File}: {model.Name} is conditioned on {classes} classes (data.condition in {model.SourceFile}), so each example needs its class; give a labels file (--labels), or for a CSV file the column holding them (--label-column)");
        }

        if (labels.Values.LongLength != table.Count)
        {
            throw new DatasetException($"{labels.File}: {labels.Values.LongLength} labels for the {table.Count} examples of {table.File}");
        }

        var first = Array.FindIndex(labels.Values, y => y < 0 || y >= classes);
        if (first >= 0)
        {
            var count = labels.Values.Count(y => y < 0 || y >= classes);
            throw new DatasetException(
                $"{labels.File} {labels.Locate(first)}: the label {labels.Values[first]} lies outside [0, {classes}): {model.Name} is conditioned on {classes} classes, 0 to {classes - 1}; {count} of {labels.Values.Length} labels lie outside");
        }
    }

    private static string Where(ExampleTable table, int flat)
    {
        var perExample = table.FeatureCount;
        return table.Locate(flat / perExample, flat % perExample);
    }

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string ShapeText(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
