using System.Globalization;

namespace Vae.Dsl.Data;

/// <summary>The element types a .npy file may hold here: little-endian numbers of four kinds.</summary>
public enum NpyElementType
{
    /// <summary>'&lt;f4'</summary>
    Float32,

    /// <summary>'&lt;f8'</summary>
    Float64,

    /// <summary>'|u1': byte order does not apply to one byte.</summary>
    UInt8,

    /// <summary>'&lt;i8'</summary>
    Int64,
}

/// <summary>
/// The 'descr' strings of a .npy header (numpy.dtype.str): a byte order ('&lt;' little-endian, '&gt;' big-endian, '|' not
/// applicable, '=' native), a kind ('f' float, 'i' signed integer, 'u' unsigned integer, 'b' boolean, 'c' complex, ...) and
/// the size in bytes.
/// </summary>
internal static class NpyElementTypes
{
    public const string Supported = "'<f4' (float32), '<f8' (float64), '|u1' (uint8) and '<i8' (int64)";

    /// <summary>The element type a 'descr' names, or null where it is not one of the four supported.</summary>
    public static NpyElementType? FromDescr(string descr) => descr switch
    {
        "<f4" => NpyElementType.Float32,
        "<f8" => NpyElementType.Float64,
        "|u1" or "<u1" or ">u1" => NpyElementType.UInt8,
        "<i8" => NpyElementType.Int64,
        _ => null,
    };

    public static int Size(NpyElementType type) => type switch
    {
        NpyElementType.Float32 => 4,
        NpyElementType.Float64 => 8,
        NpyElementType.UInt8 => 1,
        _ => 8,
    };

    /// <summary>A 'descr' in words, for messages: '&gt;f4' is "big-endian float32", '|b1' is "bool".</summary>
    public static string Describe(string descr)
    {
        var hasOrder = descr.Length > 0 && descr[0] is '<' or '>' or '|' or '=';
        var order = hasOrder ? descr[0] switch { '<' => "little-endian ", '>' => "big-endian ", _ => "" } : "";
        var body = hasOrder ? descr[1..] : descr;
        var bits = body.Length > 1 && int.TryParse(body[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes * 8 : 0;
        var kind = (body.Length > 0 ? body[0] : ' ') switch
        {
            'f' when bits > 0 => $"float{bits}",
            'i' when bits > 0 => $"int{bits}",
            'u' when bits > 0 => $"uint{bits}",
            'c' when bits > 0 => $"complex{bits}",
            'b' => "bool",
            'U' or 'S' => "text",
            'O' => "Python objects",
            'M' => "datetime",
            'm' => "timedelta",
            _ => null,
        };
        return kind is null ? "not a numeric type" : order + kind;
    }
}
