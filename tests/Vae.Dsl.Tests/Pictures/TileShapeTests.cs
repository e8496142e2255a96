using Shouldly;
using Vae.Dsl.Pictures;
using Xunit;

namespace Vae.Dsl.Tests.Pictures;

/// <summary>How each declared data shape is drawn: strips, images, stacked channels, or not at all with a reason.</summary>
public class TileShapeTests
{
    [Theory]
    [InlineData(new long[] { 16 }, 1, 16, true)]
    [InlineData(new long[] { 1, 28, 28 }, 28, 28, false)]
    [InlineData(new long[] { 28, 28 }, 28, 28, false)]
    [InlineData(new long[] { 3, 32, 32 }, 96, 32, false)]
    [InlineData(new long[] { 2, 3, 4, 5 }, 24, 5, false)]
    public void Shapes_BecomeTiles(long[] shape, int height, int width, bool strip)
    {
        var tile = TileShape.For(shape, out var problem);

        problem.ShouldBeNull();
        tile.ShouldNotBeNull();
        (tile.Height, tile.Width, tile.IsStrip).ShouldBe((height, width, strip));
        tile.Separator.ShouldBe(strip ? 1 : ImageGrid.DefaultSeparator);
    }

    [Fact]
    public void OnlyUnusualShapes_GetANote()
    {
        TileShape.For([1, 28, 28], out _)!.Note.ShouldBeNull();
        TileShape.For([16], out _)!.Note!.ShouldContain("strip");
        TileShape.For([3, 32, 32], out _)!.Note!.ShouldContain("stacked top to bottom");
    }

    [Theory]
    [InlineData(new long[] { }, "no features")]
    [InlineData(new long[] { 5000 }, "strips are drawn up to 4096")]
    [InlineData(new long[] { 1, 600, 600 }, "up to 512 pixels a side")]
    [InlineData(new long[] { 3, 200, 200 }, "a 600 × 200 picture")]
    public void TooLargeOrEmptyShapes_AreNotDrawn_WithTheReason(long[] shape, string reason)
    {
        TileShape.For(shape, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(reason);
    }
}
