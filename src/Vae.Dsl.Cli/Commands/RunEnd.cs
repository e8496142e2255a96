using System.IO;
using Spectre.Console;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Cli.Report;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Models;
using Vae.Dsl.Pictures;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>How a <c>vae train</c> run ends: the model saved, its test ELBO and log p(x), its pictures and report.html.</summary>
internal static class RunEnd
{
    private static readonly System.Globalization.CultureInfo Invariant = CommandSupport.Invariant;

    /// <summary>Saves the model, evaluates it on the test set, draws its pictures and writes the report.</summary>
    public static int Finish(VaeModelInfo info, IVaeTrainer trainer, VaeData test, TrainingSettings settings, string outputDirectory, RunMetrics metrics, Interruption interruption)
    {
        var k = settings.ImportanceSamples;
        var saved = SavedModel.Write(outputDirectory, trainer.Module);
        AnsiConsole.MarkupLineInterpolated($"saved {saved}");

        var evaluation = CommandSupport.WithProgressBar("test", task => trainer.Evaluate(test, k, new InlineProgress<EvaluationProgress>(p =>
        {
            task.Description = $"test {p.Stage}";
            task.MaxValue = p.Total;
            task.Value = p.Done;
            interruption.ThrowIfRequested();
        })));
        AnsiConsole.MarkupLine(string.Create(
            Invariant,
            $"test  ELBO {evaluation.Elbo:F2}  [bold]log p(x) {evaluation.LogPx:F2}[/] nats (IWAE, K = {evaluation.K})  {evaluation.Seconds:F1} s"));
        metrics = metrics with { Test = TestRecord.From(evaluation) };
        MetricsFile.Write(outputDirectory, metrics);
        AnsiConsole.MarkupLineInterpolated($"metrics: {Path.Combine(outputDirectory, MetricsFile.FileName)}");

        // The pictures (samples, reconstructions of test examples, latent traversals) and report.html, which holds them
        var pictures = ModelPictures.Draw(trainer, test);
        foreach (var picture in pictures.Pictures)
        {
            File.WriteAllBytes(Path.Combine(outputDirectory, picture.FileName), picture.Png);
        }

        foreach (var reason in pictures.Skipped)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{reason}[/]");
        }

        var report = ReportWriter.Write(outputDirectory, metrics, pictures, info.SourceText);
        AnsiConsole.MarkupLineInterpolated($"report: {report}");
        return ExitCodes.Success;
    }
}
