using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Cli.Report;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>report.html as text: nothing in it refers outside it, and the charts' tick values are round.</summary>
public sealed class ReportPageTests
{
    [Fact]
    public void Page_IsSelfContained()
    {
        var html = ReportWriter.Page(
            new RunMetrics("M", "m.vae.yaml", ReportSamples.Epochs(-3, -2), new TestRecord(-2, -1.5, 10, 1)), ReportSamples.DefaultModelPictures(), ReportSamples.Yaml);

        // No script, no stylesheet or resource from elsewhere: the only URLs are data: images (and the SVG namespace).
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("href", Case.Insensitive);
        html.Split("src=\"").Skip(1).ShouldAllBe(s => s.StartsWith("data:image/png;base64,"));
        html.Split("http").Skip(1).ShouldAllBe(s => s.StartsWith("://www.w3.org/2000/svg\"") || s.StartsWith("-equiv="));
    }

    [Theory]
    [InlineData(-280.0, -245.25, new[] { -280.0, -275, -270, -265, -260, -255, -250, -245 })]
    [InlineData(0.0, 1.0, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(5.0, 5.0, new[] { 4.0, 4.5, 5.0, 5.5, 6.0 })]
    public void Ticks_AreRoundAndCoverTheValues(double min, double max, double[] expected)
    {
        LineChart.Ticks(min, max).Select(t => Math.Round(t, 9)).ShouldBe(expected);
    }
}
