using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Vae.Dsl.Cli.Report;

/// <summary>
/// A small inline SVG line chart of one figure per epoch, written by hand (no script, no stylesheet outside it):
/// axes with round tick values, a light grid, the line, and a dot per epoch whose tooltip gives the value.
/// A value that is not finite (from a run that diverged) leaves a gap in the line and has no dot.
/// </summary>
internal static class LineChart
{
    // The drawing's size in SVG user units, and the margins that hold the tick labels and the title.
    private const double Width = 360, Height = 230;
    private const double Left = 62, Right = 14, Top = 30, Bottom = 40;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The chart of <paramref name="values"/> against <paramref name="epochs"/> (the same length), as an &lt;svg&gt; element.</summary>
    /// <param name="name">The figure's short name, for the SVG's id and class ("elbo").</param>
    /// <param name="title">The heading drawn above the plot ("ELBO").</param>
    /// <param name="colour">The line's colour, a CSS colour literal.</param>
    public static string Svg(string name, string title, string colour, IReadOnlyList<int> epochs, IReadOnlyList<double> values)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg class=\"chart\" id=\"chart-{name}\" data-figure=\"{name}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Html.Escape(title)} per epoch\">\n");
        svg.Append(Invariant, $"<text x=\"{Left}\" y=\"18\" class=\"chart-title\">{Html.Escape(title)}</text>\n");

        var finite = Enumerable.Range(0, epochs.Count).Where(i => double.IsFinite(values[i])).ToArray();
        if (finite.Length == 0)
        {
            svg.Append(Invariant, $"<text x=\"{Left}\" y=\"{Height / 2}\">no finite values</text>\n</svg>");
            return svg.ToString();
        }

        // x: the epochs, with one epoch of room on each side when there is only one.
        var (xMin, xMax) = (epochs[0], epochs[^1]);
        var (x0, x1) = xMin == xMax ? (xMin - 1.0, xMax + 1.0) : (xMin, xMax);
        // y: the values' range widened to round tick values (a constant series gets ±1 around it).
        var yTicks = Ticks(finite.Min(i => values[i]), finite.Max(i => values[i]));
        var (y0, y1) = (yTicks[0], yTicks[^1]);

        // Data to SVG: x grows to the right, y grows downwards in SVG, so the largest value is at the top.
        double X(double epoch) => Left + (epoch - x0) / (x1 - x0) * (Width - Left - Right);
        double Y(double value) => Height - Bottom - (value - y0) / (y1 - y0) * (Height - Top - Bottom);

        var decimals = Decimals(yTicks.Length > 1 ? yTicks[1] - yTicks[0] : 1);
        foreach (var tick in yTicks)
        {
            svg.Append(Invariant, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(tick):0.##}\" y2=\"{Y(tick):0.##}\"/>");
            svg.Append(Invariant, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.##}\" text-anchor=\"end\">{tick.ToString("F" + decimals, Invariant)}</text>\n");
        }

        // At most about 10 epoch ticks: every k-th epoch from the first.
        var every = Math.Max(1, (int)Math.Ceiling(epochs.Count / 10.0));
        for (var i = 0; i < epochs.Count; i += every)
        {
            svg.Append(Invariant, $"<text class=\"tick\" x=\"{X(epochs[i]):0.##}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{epochs[i]}</text>");
        }

        svg.Append(Invariant, $"\n<text class=\"axis-label\" x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">epoch</text>\n");
        svg.Append(Invariant, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(Invariant, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>\n");

        // One polyline per run of consecutive finite values: a non-finite value breaks the line.
        foreach (var run in Runs(finite))
        {
            var points = string.Join(" ", run.Select(i => string.Create(Invariant, $"{X(epochs[i]):0.##},{Y(values[i]):0.##}")));
            svg.Append(Invariant, $"<polyline class=\"series\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>\n");
        }

        foreach (var i in finite)
        {
            svg.Append(Invariant, $"<circle cx=\"{X(epochs[i]):0.##}\" cy=\"{Y(values[i]):0.##}\" r=\"3\" fill=\"{colour}\"><title>epoch {epochs[i]}: {values[i]:F3}</title></circle>\n");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// Round tick values covering [min, max], about five: the step is 1, 2 or 5 times a power of ten, the first tick
    /// the largest multiple of the step at or below min, the last the smallest at or above max.
    /// </summary>
    public static double[] Ticks(double min, double max)
    {
        if (max - min < 1e-9 * Math.Max(1, Math.Abs(max)))
        {
            (min, max) = (min - 1, max + 1);
        }

        var raw = (max - min) / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / power) switch
        {
            < 1.5 => 1,
            < 3 => 2,
            < 7 => 5,
            _ => 10,
        } * power;
        var first = Math.Floor(min / step);
        var last = Math.Ceiling(max / step);
        return Enumerable.Range(0, (int)(last - first) + 1).Select(k => (first + k) * step).ToArray();
    }

    /// <summary>Digits after the point that tell ticks a step apart: 0 for steps of 1 or more, 1 for 0.5 or 0.2, ...</summary>
    private static int Decimals(double step) => Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);

    /// <summary>The indices split where they stop being consecutive.</summary>
    private static IEnumerable<List<int>> Runs(int[] indices)
    {
        var run = new List<int>();
        foreach (var i in indices)
        {
            if (run.Count > 0 && i != run[^1] + 1)
            {
                yield return run;
                run = [];
            }

            run.Add(i);
        }

        yield return run;
    }
}
