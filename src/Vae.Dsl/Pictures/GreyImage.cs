using System;

namespace Vae.Dsl.Pictures;

/// <summary>
/// A greyscale picture in memory: <see cref="Width"/> × <see cref="Height"/> bytes, row by row from the top,
/// 0 black and 255 white.
/// </summary>
public sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The grey level of the pixel at column x, row y.</summary>
    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>The picture as a PNG file.</summary>
    public byte[] ToPng() => Png.Encode(Width, Height, Pixels);

    /// <summary>
    /// The grey level of a value in [0, 1]: round(255 · v), with v clamped to [0, 1] first; NaN is black.
    /// </summary>
    public static byte Level(float value) =>
        float.IsNaN(value) ? (byte)0 : (byte)Math.Round(255.0 * Math.Clamp(value, 0f, 1f), MidpointRounding.AwayFromZero);
}
