using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Dsl.Pictures;

/// <summary>
/// Tiles a batch of small images into one picture: images [N, H, W] with values in [0, 1] fill a grid of
/// <c>columns</c> columns row by row (rows = ⌈N / columns⌉), with a separator line of mid grey between neighbouring
/// tiles. The picture is columns · W + (columns - 1) · separator pixels wide and rows · H + (rows - 1) · separator high;
/// the tiles left over in the last row are separator grey too. Values outside [0, 1] are clamped, NaN is black
/// (<see cref="GreyImage.Level"/>).
/// </summary>
public static class ImageGrid
{
    /// <summary>The separator's width in pixels unless told otherwise.</summary>
    public const int DefaultSeparator = 2;

    /// <summary>The separator's grey level: between black backgrounds and white strokes, visible against both.</summary>
    public const byte SeparatorLevel = 128;

    /// <summary>The largest picture side this draws, in pixels: a bound on memory, far above any grid a report shows.</summary>
    public const int MaxSide = 16384;

    /// <summary>The grid of <paramref name="images"/> ([N, H, W], any floating type, N ≥ 1) as a PNG file.</summary>
    public static byte[] Png(Tensor images, int columns, int separator = DefaultSeparator) => Tile(images, columns, separator).ToPng();

    /// <summary>The grid of <paramref name="images"/> ([N, H, W], any floating type, N ≥ 1) as a picture in memory.</summary>
    public static GreyImage Tile(Tensor images, int columns, int separator = DefaultSeparator)
    {
        if (images.dim() != 3)
        {
            throw new ArgumentException($"images must be [N, H, W]; got [{string.Join(", ", images.shape)}]", nameof(images));
        }

        var (count, height, width) = (images.shape[0], images.shape[1], images.shape[2]);
        if (count < 1 || height < 1 || width < 1)
        {
            throw new ArgumentException($"images must hold at least one image of at least 1 × 1 pixel; got [{count}, {height}, {width}]", nameof(images));
        }

        if (columns < 1 || separator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"need at least one column and a separator of 0 or more pixels; got {columns} and {separator}");
        }

        columns = (int)Math.Min(columns, count);
        var rows = (count + columns - 1) / columns;
        var pictureWidth = columns * width + (columns - 1) * separator;
        var pictureHeight = rows * height + (rows - 1) * separator;
        if (pictureWidth > MaxSide || pictureHeight > MaxSide)
        {
            throw new ArgumentException($"a grid of {rows} × {columns} images of {height} × {width} would be {pictureWidth} × {pictureHeight} pixels; at most {MaxSide} a side");
        }

        var values = Values(images);
        var picture = new GreyImage((int)pictureWidth, (int)pictureHeight, new byte[pictureWidth * pictureHeight]);
        Array.Fill(picture.Pixels, SeparatorLevel);
        for (var n = 0L; n < count; n++)
        {
            // The tile of image n: row n / columns, column n % columns; its top-left pixel in the picture.
            var left = n % columns * (width + separator);
            var top = n / columns * (height + separator);
            for (var y = 0L; y < height; y++)
            {
                for (var x = 0L; x < width; x++)
                {
                    picture.Pixels[(top + y) * pictureWidth + left + x] = GreyImage.Level(values[(n * height + y) * width + x]);
                }
            }
        }

        return picture;
    }

    /// <summary>The images' values as float, in row-major order.</summary>
    private static float[] Values(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var accessor = images.detach().to_type(ScalarType.Float32).data<float>();
        return accessor.ToArray();
    }
}
