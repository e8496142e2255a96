using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Pictures;

namespace Vae.Dsl.Cli.Report;

/// <summary>
/// report.html in a run's folder: one self-contained page a person opens in a browser. It holds the final test
/// figures (ELBO, log p(x) by IWAE with its K), the ELBO, reconstruction and KL of every epoch as inline SVG charts
/// (<see cref="LineChart"/>) and as a table, the model's pictures as PNG data: URIs, and the model file's YAML.
/// It has no script and refers to nothing outside itself; its Content-Security-Policy forbids loading anything but
/// its own inline style and data: images, so a browser shows it the same offline.
/// </summary>
internal static class ReportWriter
{
    public const string FileName = "report.html";

    // The largest factor a small picture is enlarged by on the page, and the width it is enlarged up to (CSS pixels).
    private const int MaxScale = 4;
    private const int TargetWidth = 720;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes report.html into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, RunMetrics metrics, PictureSet pictures, string modelYaml)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Page(metrics, pictures, modelYaml), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>The page's HTML.</summary>
    public static string Page(RunMetrics metrics, PictureSet pictures, string modelYaml)
    {
        var page = new StringBuilder();
        var model = Html.Escape(metrics.Model);
        page.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{model}}: Vae.Dsl run report</title>
            <style>
            {{Style}}
            </style>
            </head>
            <body>
            <h1>{{model}}</h1>
            <p class="source">Model file <code>{{Html.Escape(metrics.Source)}}</code>; {{metrics.Train.Count}} epoch(s) trained. All figures are in nats per example.</p>

            """);
        WriteTest(page, metrics);
        WriteTraining(page, metrics);
        WritePictures(page, pictures);
        page.Append($"""
            <section id="model-file">
            <h2>Model file</h2>
            <pre><code>{Html.Escape(modelYaml)}</code></pre>
            </section>
            </body>
            </html>

            """);
        return page.ToString();
    }

    private static void WriteTest(StringBuilder page, RunMetrics metrics)
    {
        page.Append("<section id=\"test\">\n<h2>Test set</h2>\n");
        if (metrics.Test is not { } test)
        {
            page.Append("<p>The run has not been evaluated on the test set.</p>\n</section>\n");
            return;
        }

        page.Append(Invariant, $"""
            <table class="figures">
            <tr><th>test ELBO</th><td id="test-elbo">{Nats(test.Elbo)}</td></tr>
            <tr><th>test log p(x), IWAE with K = {test.K}</th><td id="test-log-px">{Nats(test.LogPx)}</td></tr>
            <tr><th>log p(x) − ELBO</th><td>{Nats(test.LogPx - test.Elbo)}</td></tr>
            <tr><th>K, importance samples</th><td id="test-k">{test.K}</td></tr>
            <tr><th>evaluation time</th><td>{test.Seconds:F1} s</td></tr>
            </table>
            </section>

            """);
    }

    private static void WriteTraining(StringBuilder page, RunMetrics metrics)
    {
        page.Append("<section id=\"training\">\n<h2>Training</h2>\n");
        if (metrics.Train.Count == 0)
        {
            page.Append("<p>No epoch has been trained.</p>\n</section>\n");
            return;
        }

        var epochs = metrics.Train.Select(e => e.Epoch).ToArray();
        page.Append("<p>Averages over the training set per epoch: ELBO = reconstruction − KL, with β = 1 whatever the objective's β.</p>\n");
        page.Append("<div class=\"charts\">\n");
        page.Append(LineChart.Svg("elbo", "ELBO", "#1f6fb4", epochs, metrics.Train.Select(e => e.Elbo).ToArray())).Append('\n');
        page.Append(LineChart.Svg("reconstruction", "Reconstruction, log p(x|z)", "#2c8c3c", epochs, metrics.Train.Select(e => e.Reconstruction).ToArray())).Append('\n');
        page.Append(LineChart.Svg("kl", "KL(q(z|x) ‖ p(z))", "#c0392b", epochs, metrics.Train.Select(e => e.Kl).ToArray())).Append('\n');
        page.Append("</div>\n");

        page.Append("<table class=\"epochs\">\n<tr><th>epoch</th><th>ELBO</th><th>reconstruction</th><th>KL</th><th>seconds</th><th>skipped steps</th></tr>\n");
        foreach (var e in metrics.Train)
        {
            page.Append(Invariant, $"<tr><td>{e.Epoch}</td><td>{Nats(e.Elbo)}</td><td>{Nats(e.Reconstruction)}</td><td>{Nats(e.Kl)}</td><td>{e.Seconds:F2}</td><td>{e.SkippedSteps}</td></tr>\n");
        }

        page.Append("</table>\n</section>\n");
    }

    private static void WritePictures(StringBuilder page, PictureSet pictures)
    {
        page.Append("<section id=\"pictures\">\n<h2>Pictures</h2>\n");
        foreach (var picture in pictures.Pictures)
        {
            // Small pictures are enlarged by a whole factor, drawn pixelated, so each pixel stays a sharp square.
            var scale = Math.Clamp(TargetWidth / picture.Width, 1, MaxScale);
            page.Append(Invariant, $"""
                <figure>
                <figcaption><strong>{Html.Escape(picture.Title)}</strong>. {Html.Escape(picture.Caption)}</figcaption>
                <img src="data:image/png;base64,{Convert.ToBase64String(picture.Png)}" width="{picture.Width * scale}" height="{picture.Height * scale}" alt="{Html.Escape(picture.Title)}" data-file="{Html.Escape(picture.FileName)}">
                </figure>

                """);
        }

        if (pictures.Pictures.Count == 0 && pictures.Skipped.Count == 0)
        {
            page.Append("<p>No pictures were drawn.</p>\n");
        }

        if (pictures.Skipped.Count > 0)
        {
            page.Append("<ul class=\"skipped\">\n");
            foreach (var line in pictures.Skipped)
            {
                page.Append("<li>").Append(Html.Escape(line)).Append("</li>\n");
            }

            page.Append("</ul>\n");
        }

        page.Append("</section>\n");
    }

    /// <summary>A figure in nats with two decimals, or "not finite" for NaN and ±∞ (a diverged run; null in metrics.json).</summary>
    private static string Nats(double value) => double.IsFinite(value) ? value.ToString("F2", Invariant) : "not finite";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1150px; padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.2em; }
        h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
        table { border-collapse: collapse; }
        th, td { padding: 0.25em 0.8em; border-bottom: 1px solid #e4e4e4; }
        th { text-align: left; font-weight: 600; }
        td { text-align: right; font-variant-numeric: tabular-nums; }
        .charts { display: flex; flex-wrap: wrap; gap: 1em; margin-bottom: 1em; }
        .chart { background: #fafafa; border: 1px solid #e4e4e4; }
        .chart text { font-size: 11px; fill: #333; }
        .chart .chart-title { font-size: 13px; font-weight: 600; }
        .chart .grid { stroke: #e0e0e0; stroke-width: 1; }
        .chart .axis { stroke: #666; stroke-width: 1; }
        figure { margin: 1.5em 0; }
        figcaption { max-width: 60em; margin-bottom: 0.5em; }
        img { image-rendering: pixelated; max-width: 100%; height: auto; border: 1px solid #ccc; }
        pre { background: #f6f6f6; border: 1px solid #e4e4e4; padding: 1em; overflow-x: auto; }
        .skipped { color: #555; }
        """;
}
