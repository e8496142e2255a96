using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Vae.Dsl.Data;

/// <summary>
/// The header of a .npy file, which is the text of a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (60000, 784), }</c>, padded with spaces and ended by a newline.
/// 'descr' is the element type as numpy.dtype.str writes it (<see cref="NpyElementTypes"/>); 'fortran_order' is True when
/// the data are stored column-major; 'shape' is the tuple of dimensions: () for a scalar, (n,) for one dimension.
/// A structured array has a list as its 'descr'.
/// </summary>
internal sealed partial record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    public static NpyHeader Parse(string text, string file)
    {
        var descr = DescrPattern().Match(text);
        if (!descr.Success)
        {
            throw new DatasetException($"{file}: the .npy header has no 'descr' (element type): {text.Trim()}");
        }

        if (descr.Groups["list"].Success)
        {
            throw new DatasetException($"{file}: a structured array (its 'descr' is a list of fields) is not supported; save a plain numeric array");
        }

        var fortran = FortranPattern().Match(text);
        if (!fortran.Success)
        {
            throw new DatasetException($"{file}: the .npy header has no 'fortran_order' True or False: {text.Trim()}");
        }

        var shape = ShapePattern().Match(text);
        if (!shape.Success)
        {
            throw new DatasetException($"{file}: the .npy header has no 'shape' tuple: {text.Trim()}");
        }

        return new NpyHeader(descr.Groups["type"].Value, fortran.Groups[1].Value == "True", ParseShape(shape.Groups[1].Value, file));
    }

    // "60000, 784" or "3," or "" (a scalar): dimensions separated by commas, a trailing comma for one dimension.
    private static long[] ParseShape(string tuple, string file)
    {
        var parts = tuple.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw new DatasetException($"{file}: the .npy shape ({tuple}) has '{parts[i]}', not a dimension");
            }
        }

        return shape;
    }

    [GeneratedRegex("""['"]descr['"]\s*:\s*(?:'(?<type>[^']*)'|"(?<type>[^"]*)"|(?<list>\[))""")]
    private static partial Regex DescrPattern();

    [GeneratedRegex("""['"]fortran_order['"]\s*:\s*(True|False)""")]
    private static partial Regex FortranPattern();

    [GeneratedRegex("""['"]shape['"]\s*:\s*\(([^)]*)\)""")]
    private static partial Regex ShapePattern();
}
