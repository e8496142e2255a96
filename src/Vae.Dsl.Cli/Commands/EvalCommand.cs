using System;
using System.CommandLine;
using System.Runtime.InteropServices;
using Spectre.Console;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Native;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// <c>vae eval &lt;run folder&gt;</c>: restores a saved run from its checkpoint and reports the test ELBO and the test
/// log p(x) estimated by IWAE with any K.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run's folder (it holds checkpoint.bin and metrics.json)." };
        var samples = CommandSupport.PositiveInt("--importance-samples", "K, importance samples for log p(x) (default: the run's).");
        var data = new Option<string>("--data")
        {
            Description = "The folder of Fashion-MNIST's IDX files.",
            DefaultValueFactory = _ => FashionMnist.DefaultDirectory,
        };
        var command = new Command("eval", "Evaluate a saved run on the test set: test ELBO and log p(x) by IWAE with K importance samples.")
        {
            run, samples, data,
        };
        command.SetAction(parsed => Run(parsed.GetValue(run)!, parsed.GetValue(samples), parsed.GetValue(data)!));
        return command;
    }

    public static int Run(string folder, int? importanceSamples, string dataDirectory)
    {
        try
        {
            NativeSettings.Apply(NativeThreads.Recommended);
            var (info, trainer, epochs) = RunLookup.Open(folder);
            using (trainer)
            {
                var (train, test) = FashionMnist.Load(dataDirectory, withLabels: info.ConditionClasses is not null);
                using var trainImages = train.Examples;
                using var testImages = test.Examples;
                CommandSupport.CheckData(info, test, "test");
                var k = importanceSamples ?? trainer.Settings.ImportanceSamples;
                AnsiConsole.MarkupLineInterpolated($"[bold]{info.Name}[/] from {folder}, after {epochs} epochs");
                var evaluation = CommandSupport.WithProgressBar("test", task => trainer.Evaluate(test, k, new InlineProgress<EvaluationProgress>(p =>
                {
                    task.Description = $"test {p.Stage}";
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                })));
                AnsiConsole.MarkupLine(string.Create(
                    CommandSupport.Invariant,
                    $"test  ELBO {evaluation.Elbo:F2}  [bold]log p(x) {evaluation.LogPx:F2}[/] nats (IWAE, K = {evaluation.K})  {evaluation.Seconds:F1} s"));
                return ExitCodes.Success;
            }
        }
        catch (Exception e) when (e is UsageException or DatasetException or CheckpointException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ExternalException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]libtorch error:[/] {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
