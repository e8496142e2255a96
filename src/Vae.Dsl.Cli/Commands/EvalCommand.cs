using System;
using System.CommandLine;
using System.Runtime.InteropServices;
using Spectre.Console;
using Vae.Dsl.Cli.Data;
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
        var data = new DataCommandOptions();
        var command = new Command("eval", "Evaluate a saved run on the test set: test ELBO and log p(x) by IWAE with K importance samples.")
        {
            run, samples,
        };
        foreach (var option in data.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed => Run(parsed.GetValue(run)!, parsed.GetValue(samples), data.From(parsed)));
        return command;
    }

    public static int Run(string folder, int? importanceSamples, DataSourceOptions data)
    {
        try
        {
            NativeSettings.Apply(NativeThreads.Recommended);
            var (info, trainer, epochs) = RunLookup.Open(folder);
            using (trainer)
            {
                // the options the run was trained with give the same test set, a split one included
                var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(data), info);
                using var trainImages = train.Examples;
                using var testImages = test.Examples;
                using var trainLabels = train.Labels;
                using var testLabels = test.Labels;
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
