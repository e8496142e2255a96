using System;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// Binary data with a known structure: each example is one of four 16-pixel prototypes with every pixel flipped
/// with probability 0.05. A model that learns it scores far better than one that does not.
/// </summary>
internal static class SyntheticData
{
    public const int Features = 16;

    private static readonly int[][] Prototypes =
    [
        [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1],
        [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0],
        [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1],
    ];

    public static Tensor Binary(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count * Features];
        for (var n = 0; n < count; n++)
        {
            var prototype = Prototypes[random.Next(Prototypes.Length)];
            for (var j = 0; j < Features; j++)
            {
                var flip = random.NextDouble() < 0.05;
                values[(n * Features) + j] = flip ? 1 - prototype[j] : prototype[j];
            }
        }

        return tensor(values, [count, Features]);
    }

    /// <summary>The same prototypes as grey intensities (0.1 and 0.9), for models that binarize.</summary>
    public static Tensor Grey(int count, int seed)
    {
        using var binary = Binary(count, seed);
        return (binary * 0.8) + 0.1;
    }
}
