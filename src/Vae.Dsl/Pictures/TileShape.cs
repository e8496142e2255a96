using System.Collections.Generic;
using System.Linq;

namespace Vae.Dsl.Pictures;

/// <summary>
/// How one example of a model's declared data shape is drawn as a tile of a grid, or why it is not drawn.
/// <list type="bullet">
/// <item>[F]: a strip 1 pixel high and F wide. Grids of strips have one strip per line, so feature j lies in the same
/// pixel column in every strip, and a 1-pixel separator.</item>
/// <item>[H, W] and [1, H, W]: an H × W image.</item>
/// <item>[C, H, W] and higher ranks: the flattened example as rows of the last dimension's length, so C channels
/// are C images stacked top to bottom.</item>
/// </list>
/// </summary>
/// <param name="Height">Pixels per tile, top to bottom.</param>
/// <param name="Width">Pixels per tile, left to right.</param>
/// <param name="IsStrip">A one-dimensional example drawn as a 1-pixel strip.</param>
/// <param name="Note">A remark for captions (stacked channels, strips), or null.</param>
public sealed record TileShape(int Height, int Width, bool IsStrip, string? Note)
{
    /// <summary>The largest tile side of an image: grids of up to 20 rows of them stay within <see cref="ImageGrid.MaxSide"/>.</summary>
    public const int MaxImageSide = 512;

    /// <summary>The longest strip drawn.</summary>
    public const int MaxStripLength = 4096;

    /// <summary>The separator between tiles: 1 pixel between strips, <see cref="ImageGrid.DefaultSeparator"/> between images.</summary>
    public int Separator => IsStrip ? 1 : ImageGrid.DefaultSeparator;

    /// <summary>The tile of an example of <paramref name="dataShape"/>, or null with the reason it cannot be drawn.</summary>
    public static TileShape? For(IReadOnlyList<long> dataShape, out string? problem)
    {
        problem = null;
        var shape = $"[{string.Join(", ", dataShape)}]";
        if (dataShape.Count == 0 || dataShape.Any(d => d < 1))
        {
            problem = $"the data shape {shape} has no features to draw";
            return null;
        }

        if (dataShape.Count == 1)
        {
            if (dataShape[0] > MaxStripLength)
            {
                problem = $"an example of shape {shape} would be a strip of {dataShape[0]} pixels; strips are drawn up to {MaxStripLength}";
                return null;
            }

            return new TileShape(1, (int)dataShape[0], IsStrip: true,
                $"Each example of shape {shape} is a strip 1 pixel high, one strip per line.");
        }

        // Rows of the last dimension's length: the flattened example, row-major, read as a picture.
        var height = dataShape.Take(dataShape.Count - 1).Aggregate(1L, (product, d) => product * d);
        var width = dataShape[^1];
        if (height > MaxImageSide || width > MaxImageSide)
        {
            problem = $"an example of shape {shape} would be a {height} × {width} picture; pictures are drawn up to {MaxImageSide} pixels a side";
            return null;
        }

        var channels = dataShape.Count == 3 ? dataShape[0] : 1;
        var note = dataShape.Count == 2 || (dataShape.Count == 3 && channels == 1)
            ? null
            : $"Each example of shape {shape} is drawn as {height} rows of {width} pixels (channels and leading dimensions stacked top to bottom).";
        return new TileShape((int)height, (int)width, IsStrip: false, note);
    }
}
