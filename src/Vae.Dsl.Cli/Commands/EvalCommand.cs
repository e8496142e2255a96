using System.CommandLine;
using Spectre.Console;
using Vae.Dsl.Cli.Data;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;

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

    public static int Run(string folder, int? importanceSamples, DataSourceOptions data) => SavedRunCommand.Run(folder, data, run =>
    {
        var k = importanceSamples ?? run.Trainer.Settings.ImportanceSamples;
        AnsiConsole.MarkupLineInterpolated($"[bold]{run.Info.Name}[/] from {folder}, after {run.Epochs} epochs");
        var evaluation = CommandSupport.WithProgressBar("test", task => run.Trainer.Evaluate(run.Test, k, new InlineProgress<EvaluationProgress>(p =>
        {
            task.Description = $"test {p.Stage}";
            task.MaxValue = p.Total;
            task.Value = p.Done;
        })));
        AnsiConsole.MarkupLine(string.Create(
            CommandSupport.Invariant,
            $"test  ELBO {evaluation.Elbo:F2}  [bold]log p(x) {evaluation.LogPx:F2}[/] nats (IWAE, K = {evaluation.K})  {evaluation.Seconds:F1} s"));
        return ExitCodes.Success;
    });
}
