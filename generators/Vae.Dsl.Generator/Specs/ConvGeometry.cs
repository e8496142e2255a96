using System.Collections.Generic;

namespace Vae.Dsl.Generator.Specs;

/// <summary>
/// The spatial sizes through a stack of strided convolutions, and the output padding each transposed convolution of
/// the mirrored decoder needs to give back exactly the size the matching convolution took in.
/// </summary>
internal static class ConvGeometry
{
    /// <summary>out = ⌊(in + 2p - k) / s⌋ + 1 for each of <paramref name="layers"/> convolutions: sizes[0] = input, sizes[layers] = the smallest.</summary>
    public static long[] Sizes(long input, int layers, int kernel, int stride, int padding)
    {
        var sizes = new long[layers + 1];
        sizes[0] = input;
        for (var l = 0; l < layers; l++)
        {
            var room = sizes[l] + (2L * padding) - kernel;
            sizes[l + 1] = room < 0 ? 0 : (room / stride) + 1;
        }

        return sizes;
    }

    /// <summary>
    /// The output padding of the transposed convolution that maps sizes[l + 1] back to sizes[l]:
    /// sizes[l] - ((sizes[l + 1] - 1) s - 2p + k), which must lie in [0, s).
    /// </summary>
    public static long OutputPadding(long[] sizes, int l, int kernel, int stride, int padding) =>
        sizes[l] - (((sizes[l + 1] - 1) * stride) - (2L * padding) + kernel);

    /// <summary>Why the geometry does not work for a [height, width] image, or null when it does.</summary>
    public static string? Problem(long height, long width, int layers, int kernel, int stride, int padding)
    {
        var heights = Sizes(height, layers, kernel, stride, padding);
        var widths = Sizes(width, layers, kernel, stride, padding);
        for (var l = 0; l < layers && heights[l + 1] > 0 && widths[l + 1] > 0; l++)
        {
            if (OutputPadding(heights, l, kernel, stride, padding) != OutputPadding(widths, l, kernel, stride, padding))
            {
                return $"the height {height} and width {width} need different output paddings in the decoder's transposed convolution {l + 1}; use a square image or another kernel, stride or padding";
            }
        }

        foreach (var (what, size) in new List<(string, long)> { ("height", height), ("width", width) })
        {
            var sizes = Sizes(size, layers, kernel, stride, padding);
            for (var l = 0; l < layers; l++)
            {
                if (sizes[l + 1] < 1)
                {
                    return $"the image {what} {size} shrinks to nothing after {l + 1} convolution(s) of kernel {kernel}, stride {stride}, padding {padding}";
                }

                var outputPadding = OutputPadding(sizes, l, kernel, stride, padding);
                if (outputPadding < 0 || outputPadding >= stride)
                {
                    return $"the decoder's transposed convolution {l + 1} cannot give back the {what} {sizes[l]} from {sizes[l + 1]} with kernel {kernel}, stride {stride}, padding {padding}";
                }
            }
        }

        return null;
    }
}
