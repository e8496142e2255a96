using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// Draws x ~ Bernoulli(p) elementwise: dynamic binarization, a fresh binary image from the pixel intensities each time
/// an image is seen. On a CPU float32 contiguous tensor, with the native library loaded, it is one pass on libtorch's
/// pool, each element's uniform number Philox4x32-10 of a key and the element's index (docs/kernels.md), the key one
/// draw from the generator; elsewhere it is TorchSharp's <c>bernoulli</c>. Either way the draws follow from the
/// generator's state, so a run is reproducible from its seed and resumes exactly from a checkpoint.
/// </summary>
public static class BernoulliDraw
{
    /// <summary>x ~ Bernoulli(p) of p's shape, p in [0, 1]; from <paramref name="generator"/>, or the default one where null.</summary>
    public static Tensor Of(Tensor probabilities, Generator? generator = null)
    {
        if (!NativeKernels.IsLoaded || !NativeKernels.Takes(probabilities))
        {
            return bernoulli(probabilities, generator);
        }

        var draws = empty_like(probabilities);
        unsafe
        {
            NativeKernels.BernoulliDraw(NativeKernels.Address(probabilities), probabilities.numel(), null, 0, 1, NativeKernels.Address(draws), KeyFrom(generator));
        }

        return draws;
    }

    /// <summary>
    /// x ~ Bernoulli(p) for p the examples at <paramref name="indices"/> (int64, [batch]) along the first dimension of
    /// <paramref name="probabilities"/>: <c>Of(probabilities.index_select(0, indices), generator)</c>, the same draws,
    /// with the rows read where they are (a training batch gathered as it is drawn) where the native pass takes them.
    /// </summary>
    public static Tensor Of(Tensor probabilities, Tensor indices, Generator? generator = null)
    {
        if (!NativeKernels.IsLoaded || probabilities.dim() == 0 || probabilities.numel() == 0 || !NativeKernels.Takes(probabilities) ||
            indices.dim() != 1 || indices.dtype != ScalarType.Int64 || indices.device_type != DeviceType.CPU || !indices.is_contiguous())
        {
            using var rows = probabilities.index_select(0, indices);
            return Of(rows, generator);
        }

        var shape = probabilities.shape;
        var tableRows = shape[0];
        shape[0] = indices.shape[0];
        var draws = empty(shape, ScalarType.Float32);
        int drawn;
        unsafe
        {
            drawn = NativeKernels.BernoulliDraw(NativeKernels.Address(probabilities), tableRows, NativeKernels.IndexAddress(indices), indices.shape[0],
                probabilities.numel() / tableRows, NativeKernels.Address(draws), KeyFrom(generator));
        }

        if (drawn == 0)
        {
            draws.Dispose();
            throw new ArgumentOutOfRangeException(nameof(indices), $"an index is outside the {tableRows} examples");
        }

        return draws;
    }

    /// <summary>The key of one draw: 63 random bits, one draw from the generator.</summary>
    private static ulong KeyFrom(Generator? generator)
    {
        using var key = randint(long.MaxValue, [1], ScalarType.Int64, generator: generator);
        return (ulong)key.item<long>();
    }
}
