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
        // the key: 63 random bits, one draw from the generator
        using var key = randint(long.MaxValue, [1], ScalarType.Int64, generator: generator);
        unsafe
        {
            NativeKernels.BernoulliDraw(NativeKernels.Address(probabilities), NativeKernels.Address(draws), probabilities.numel(), (ulong)key.item<long>());
        }

        return draws;
    }
}
