using System;
using System.Linq;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests;

/// <summary>Small helpers to move test data between arrays and tensors.</summary>
internal static class TensorTestData
{
    public static double[] Uniform(Random random, int count, double low, double high) =>
        Enumerable.Range(0, count).Select(_ => low + ((high - low) * random.NextDouble())).ToArray();

    public static Tensor Float64(double[] values, params long[] shape) => tensor(values, shape, dtype: ScalarType.Float64);

    public static double[] ToDoubles(this Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();

    /// <summary>Row b of a [rows, columns] array laid out row by row.</summary>
    public static ReadOnlySpan<double> Row(this double[] values, int b, int columns) => values.AsSpan(b * columns, columns);

    /// <summary>True when both tensors hold the same values element for element (bit for bit, except that NaN is never equal).</summary>
    public static bool SameValues(this Tensor a, Tensor b)
    {
        using var equal = a.detach() == b.detach();
        return equal.all().item<bool>();
    }
}
