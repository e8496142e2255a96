using System;
using Vae.Dsl.Models;
using static TorchSharp.torch;

namespace Vae.Dsl.Data;

/// <summary>
/// Loads a run's training and test data for a model: reads each source (<see cref="ExampleFiles"/>), checks it against the
/// model before any training (<see cref="DataChecks"/>), holds out a test set when there is one source
/// (<see cref="TrainTestSplit"/>), and returns tensors: examples of [N, FeatureCount] as float32, and for a conditional
/// model labels of [N] as int64 (null for an unconditional model, whose labels are not read).
/// </summary>
public static class DataLoader
{
    public static (VaeData Train, VaeData Test) Load(DataSources sources, VaeModelInfo model)
    {
        var train = ReadChecked(sources.Train, model);
        if (sources.Test is { } testSource)
        {
            var test = ReadChecked(testSource, model);
            return (ToVaeData(train, model, null), ToVaeData(test, model, null));
        }

        var (trainIndices, testIndices) = TrainTestSplit.Indices(train.Count, sources.TestFraction, sources.SplitSeed, train.File);
        return (ToVaeData(train, model, trainIndices), ToVaeData(train, model, testIndices));
    }

    /// <summary>The examples of one source, checked against the model.</summary>
    public static ExampleTable ReadChecked(DataSource source, VaeModelInfo model)
    {
        var table = ExampleFiles.Read(source, withLabels: model.ConditionClasses is not null);
        DataChecks.Check(table, model);
        return table;
    }

    // The examples at the given positions (all of them for null), as tensors.
    private static VaeData ToVaeData(ExampleTable table, VaeModelInfo model, int[]? indices)
    {
        var features = model.FeatureCount;
        var count = indices?.Length ?? table.Count;
        var values = indices is null ? table.Values : new float[count * features];
        var labels = model.ConditionClasses is null ? null : indices is null ? table.Labels!.Values : new long[count];
        if (indices is not null)
        {
            for (var i = 0; i < indices.Length; i++)
            {
                Array.Copy(table.Values, indices[i] * features, values, i * features, features);
                if (labels is not null)
                {
                    labels[i] = table.Labels!.Values[indices[i]];
                }
            }
        }

        return new VaeData(tensor(values, [count, features]), labels is null ? null : tensor(labels));
    }
}
