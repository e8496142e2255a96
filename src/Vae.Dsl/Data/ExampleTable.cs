using System;
using System.Linq;

namespace Vae.Dsl.Data;

/// <summary>
/// Examples as read from one file, before they meet a model: <see cref="Count"/> examples of <see cref="ExampleShape"/>,
/// flattened in row-major order to float32, with their labels where the file or its labels file has them.
/// </summary>
/// <param name="File">The file, for messages.</param>
/// <param name="Layout">How the file holds its examples, in words, for messages: "images of 28 x 28 pixels".</param>
/// <param name="Count">The number of examples.</param>
/// <param name="ExampleShape">The shape of one example as the file stores it: [28, 28] for IDX images, [F] for CSV.</param>
/// <param name="Values">The features, example after example: [Count, product of ExampleShape].</param>
/// <param name="Labels">Each example's class, or null.</param>
/// <param name="Locate">Where feature f of example n is in the file, for messages: "line 12, column 3 ('x2')".</param>
public sealed record ExampleTable(
    string File,
    string Layout,
    long Count,
    long[] ExampleShape,
    float[] Values,
    ExampleLabels? Labels,
    Func<long, long, string> Locate)
{
    /// <summary>Features per example: the product of <see cref="ExampleShape"/>.</summary>
    public long FeatureCount => ExampleShape.Aggregate(1L, (product, dimension) => product * dimension);
}

/// <summary>Each example's class as read from a file, and where each is, for messages.</summary>
/// <param name="File">The file, for messages.</param>
/// <param name="Values">One class per example.</param>
/// <param name="Locate">Where the label of example n is in the file, for messages: "label 12".</param>
public sealed record ExampleLabels(string File, long[] Values, Func<long, string> Locate);
