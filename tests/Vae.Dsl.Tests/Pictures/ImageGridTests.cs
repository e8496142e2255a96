using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Pictures;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Pictures;

/// <summary>The grid: its size, each tile's pixels where they belong, the separators, and the grey levels of values.</summary>
public class ImageGridTests
{
    [Fact]
    public void Tiles_FillRowsLeftToRight_WithSeparatorsBetween()
    {
        // 5 images of 2 × 3 pixels, image n's pixel (x, y) = (10n + 3y + x) / 255, so every pixel is its own level.
        const int count = 5, height = 2, width = 3, columns = 3, separator = 2;
        var values = new float[count * height * width];
        for (var n = 0; n < count; n++)
        {
            for (var i = 0; i < height * width; i++)
            {
                values[n * height * width + i] = (10 * n + i) / 255f;
            }
        }

        using var images = tensor(values, [count, height, width]);

        var grid = ImageGrid.Tile(images, columns, separator);

        // 3 columns: 3 · 3 + 2 · 2 = 13 wide; 2 rows: 2 · 2 + 1 · 2 = 6 high.
        grid.Width.ShouldBe(13);
        grid.Height.ShouldBe(6);
        for (var n = 0; n < count; n++)
        {
            var (left, top) = (n % columns * (width + separator), n / columns * (height + separator));
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    grid[left + x, top + y].ShouldBe((byte)(10 * n + 3 * y + x), $"image {n}, pixel ({x}, {y})");
                }
            }
        }

        // The separator columns and row, and the empty sixth tile, are mid grey.
        foreach (var x in new[] { 3, 4, 8, 9 })
        {
            Enumerable.Range(0, grid.Height).ShouldAllBe(y => grid[x, y] == ImageGrid.SeparatorLevel);
        }

        Enumerable.Range(0, grid.Width).ShouldAllBe(x => grid[x, 2] == ImageGrid.SeparatorLevel && grid[x, 3] == ImageGrid.SeparatorLevel);
        grid[10, 4].ShouldBe(ImageGrid.SeparatorLevel);
        grid[12, 5].ShouldBe(ImageGrid.SeparatorLevel);
    }

    [Fact]
    public void Png_HoldsTheGrid()
    {
        using var images = rand(7, 4, 6, dtype: ScalarType.Float64);

        var grid = ImageGrid.Tile(images, columns: 4, separator: 1);
        var png = PngFile.Read(ImageGrid.Png(images, columns: 4, separator: 1));

        png.Width.ShouldBe(grid.Width);
        png.Height.ShouldBe(grid.Height);
        png.Pixels.ShouldBe(grid.Pixels);
        (grid.Width, grid.Height).ShouldBe((4 * 6 + 3, 2 * 4 + 1));
    }

    [Fact]
    public void Levels_RoundAndClamp()
    {
        GreyImage.Level(0f).ShouldBe((byte)0);
        GreyImage.Level(1f).ShouldBe((byte)255);
        GreyImage.Level(0.5f).ShouldBe((byte)128, "127.5 rounds away from zero");
        GreyImage.Level(0.2f).ShouldBe((byte)51);
        GreyImage.Level(-3f).ShouldBe((byte)0);
        GreyImage.Level(7f).ShouldBe((byte)255);
        GreyImage.Level(float.NaN).ShouldBe((byte)0);
        GreyImage.Level(float.PositiveInfinity).ShouldBe((byte)255);
    }

    [Fact]
    public void MoreColumnsThanImages_IsOneRowOfThem()
    {
        using var images = ones(2, 3, 3);

        var grid = ImageGrid.Tile(images, columns: 10);

        (grid.Width, grid.Height).ShouldBe((2 * 3 + ImageGrid.DefaultSeparator, 3));
    }

    [Fact]
    public void BadInputs_AreArgumentErrors()
    {
        using var flat = zeros(4, 16);
        using var empty = zeros(0, 2, 2);
        using var images = zeros(2, 2, 2);
        using var huge = zeros(2, 1, ImageGrid.MaxSide);

        Should.Throw<ArgumentException>(() => ImageGrid.Tile(flat, 2)).Message.ShouldContain("[N, H, W]");
        Should.Throw<ArgumentException>(() => ImageGrid.Tile(empty, 2));
        Should.Throw<ArgumentOutOfRangeException>(() => ImageGrid.Tile(images, 0));
        Should.Throw<ArgumentException>(() => ImageGrid.Tile(huge, 2)).Message.ShouldContain("at most");
    }
}
