using System.IO;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Native;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// The epochs of a <c>vae train</c> run, each with a progress bar, its line of figures, a checkpoint and metrics.json;
/// rollbacks are reported, and a numerical fault keeps the epochs that finished.
/// </summary>
internal static class TrainingLoop
{
    private static readonly System.Globalization.CultureInfo Invariant = CommandSupport.Invariant;

    /// <summary>Trains the epochs after <paramref name="epochsDone"/>; returns the run's figures with theirs.</summary>
    public static RunMetrics Run(
        IVaeTrainer trainer, VaeData train, TrainingSettings settings, int epochsDone, string outputDirectory, RunMetrics metrics, Interruption interruption)
    {
        var epochCount = settings.Epochs;
        for (var epoch = epochsDone + 1; epoch <= epochCount; epoch++)
        {
            EpochMetrics result;
            try
            {
                result = CommandSupport.WithProgressBar($"epoch {epoch}/{epochCount}", task =>
                {
                    var progress = new InlineProgress<BatchProgress>(p =>
                    {
                        task.MaxValue = p.BatchCount;
                        task.Value = p.Batch;
                        interruption.ThrowIfRequested();
                    });
                    return Rollback.TrainEpochAsSettingsSay(trainer, train, epoch, progress, rollback => AnsiConsole.MarkupLineInterpolated(
                        $"[yellow]rolled back[/] epoch {rollback.Epoch} to its start ({rollback.Fault.Message}); learning rate now {string.Join(", ", rollback.LearningRates.Select(r => r.ToString("G3", Invariant)))}"));
                });
            }
            catch (NonFiniteLossException)
            {
                // metrics.json keeps the epochs that finished; the message says where training went wrong
                MetricsFile.Write(outputDirectory, metrics);
                throw;
            }

            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"epoch {epoch,2}/{epochCount}  ELBO {result.Elbo,9:F2}  reconstruction {result.Reconstruction,9:F2}  KL {result.Kl,6:F2}  [bold]{result.Seconds,6:F2} s[/]"));
            metrics = metrics.With(result);
            Checkpoint.Save(Path.Combine(outputDirectory, Checkpoint.FileName), trainer, epoch);
            ManagedHeap.Collect();
            MetricsFile.Write(outputDirectory, metrics);
        }

        return metrics;
    }
}
