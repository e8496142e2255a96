using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Shouldly;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Cli.Report;
using Vae.Dsl.Pictures;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>
/// report.html opened in headless Chromium (Debian's, through Playwright): it renders with no console error and
/// requests nothing outside itself; every picture decodes in the browser, an independent PNG decoder, to the size
/// it was drawn at, and a test pattern to exactly its pixels; the three curves have a point per epoch; the figures
/// and the model file's text read back exactly, markup in them escaped. Without /usr/bin/chromium these tests fail,
/// saying what to install (the tests of the page's text, <see cref="ReportPageTests"/>, need no browser).
/// </summary>
public sealed class ReportBrowserTests : IClassFixture<ReportBrowserTests.Browser>, IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly Browser browser;
    private readonly string root = Directory.CreateTempSubdirectory("vae-report-").FullName;

    public ReportBrowserTests(Browser browser) => this.browser = browser;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Report_RendersInChromium_WithItsCurvesPicturesFiguresAndModelFile()
    {
        var metrics = new RunMetrics("FashionMnistVae", "fashion-mnist.vae.yaml", ReportSamples.Epochs(-280, -260, -251, -247.5, -245.25), new TestRecord(-246.8, -241.37, 100, 12.5));
        var pattern = ReportSamples.TestPattern();
        var pictures = ReportSamples.DefaultModelPictures();
        pictures = pictures with { Pictures = [.. pictures.Pictures, pattern.Picture] };
        var path = ReportWriter.Write(root, metrics, pictures, ReportSamples.Yaml);

        var page = await browser.Open(path);

        page.Problems.ShouldBeEmpty();
        (await page.Page.TitleAsync()).ShouldBe("FashionMnistVae: Vae.Dsl run report");
        (await page.Page.TextContentAsync("#test-elbo")).ShouldBe("-246.80");
        (await page.Page.TextContentAsync("#test-log-px")).ShouldBe("-241.37");
        (await page.Page.TextContentAsync("#test-k")).ShouldBe("100");
        (await page.Page.TextContentAsync("#model-file pre")).ShouldBe(ReportSamples.Yaml, "the YAML reads back exactly: its markup was escaped");
        (await page.Page.QuerySelectorAllAsync("#model-file b")).ShouldBeEmpty();

        // Three curves, a dot per epoch on each, one unbroken line each.
        foreach (var figure in new[] { "elbo", "reconstruction", "kl" })
        {
            (await page.Page.Locator($"svg#chart-{figure} circle").CountAsync()).ShouldBe(5, figure);
            var lines = await page.Page.Locator($"svg#chart-{figure} polyline").EvaluateAllAsync<string[]>("ls => ls.map(l => l.getAttribute('points'))");
            lines.ShouldHaveSingleItem().Split(' ').Length.ShouldBe(5, figure);
            var box = await page.Page.Locator($"svg#chart-{figure}").BoundingBoxAsync();
            box.ShouldNotBeNull().Width.ShouldBeGreaterThan(100, $"{figure} chart is laid out");
        }

        // Every picture decoded by the browser, at the size it was drawn.
        var files = await page.Page.Locator("img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.dataset.file)");
        var decodedSizes = await page.Page.Locator("img").EvaluateAllAsync<int[][]>(
            "imgs => imgs.map(i => [i.complete ? 1 : 0, i.naturalWidth, i.naturalHeight])");
        files.ShouldBe(pictures.Pictures.Select(p => p.FileName));
        foreach (var (size, picture) in decodedSizes.Zip(pictures.Pictures))
        {
            size[0].ShouldBe(1, $"{picture.FileName} has loaded");
            size[1].ShouldBeGreaterThan(0, $"{picture.FileName} decoded");
            (size[1], size[2]).ShouldBe((picture.Width, picture.Height), picture.FileName);
        }

        // The test pattern's pixels, as the browser decoded them (drawn onto a canvas, red channel of grey).
        var decoded = await page.Page.Locator($"img[data-file='{pattern.Picture.FileName}']").EvaluateAsync<int[]>("""
            img => {
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth;
                canvas.height = img.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(img, 0, 0);
                const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
                return Array.from({ length: canvas.width * canvas.height }, (_, i) => rgba[4 * i]);
            }
            """);
        decoded.Select(v => (byte)v).ShouldBe(pattern.Image.Pixels);
    }

    [Fact]
    public async Task DivergedRun_WithoutTestOrPictures_StillRenders_WithGapsForNonFiniteValues()
    {
        var metrics = new RunMetrics("FashionMnistVae", "fashion-mnist.vae.yaml", ReportSamples.Epochs(-280, double.NaN, -251), null);
        var path = ReportWriter.Write(root, metrics, new PictureSet([], ["No pictures: the data shape [5000] is too long."]), ReportSamples.Yaml);

        var page = await browser.Open(path);

        page.Problems.ShouldBeEmpty();
        (await page.Page.InnerTextAsync("#test")).ShouldContain("not been evaluated");
        (await page.Page.InnerTextAsync("#pictures")).ShouldContain("[5000] is too long");
        (await page.Page.InnerTextAsync("#training table")).ShouldContain("not finite");
        // Epochs 1 and 3 have finite ELBOs, epoch 2 none: two dots, and two one-point lines instead of one through the gap.
        (await page.Page.Locator("svg#chart-elbo circle").CountAsync()).ShouldBe(2);
        (await page.Page.Locator("svg#chart-elbo polyline").CountAsync()).ShouldBe(2);
    }

    /// <summary>A page opened in the browser, and every console error, page error, failed or outside request it had.</summary>
    public sealed record OpenPage(IPage Page, List<string> Problems);

    /// <summary>Headless Chromium, launched once for the tests of this class.</summary>
    public sealed class Browser : IAsyncLifetime
    {
        private IPlaywright? playwright;
        private IBrowser? browser;

        public async Task InitializeAsync()
        {
            if (!File.Exists(Chromium))
            {
                // Not a skip: a machine that cannot run this test must say so. scripts/setup installs chromium.
                throw new InvalidOperationException(
                    $"The report tests open report.html in Debian's Chromium, and {Chromium} does not exist: install it with `apt-get install chromium` (scripts/setup does).");
            }

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        }

        public async Task<OpenPage> Open(string path)
        {
            var page = await browser!.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
            page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    problems.Add($"request outside the file: {request.Url}");
                }
            };
            await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            return new OpenPage(page, problems);
        }

        public async Task DisposeAsync()
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright?.Dispose();
        }
    }
}
