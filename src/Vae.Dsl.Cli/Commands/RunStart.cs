using System;
using System.IO;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Models;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>Where a <c>vae train</c> run starts: a new run folder, or the last checkpoint of the one it resumes.</summary>
internal static class RunStart
{
    /// <summary>The run's folder, the figures kept so far, and the epochs already done (0 for a new run).</summary>
    public static (string Folder, RunMetrics Metrics, int EpochsDone) Open(VaeModelInfo info, IVaeTrainer trainer, TrainingSettings settings, TrainOptions options)
    {
        if (options.ResumeDirectory is { } resumed)
        {
            // The checkpoint is written before metrics.json after each epoch: the epochs it holds are the ones to keep.
            var epochsDone = Checkpoint.Load(Path.Combine(resumed, Checkpoint.FileName), trainer);
            var previous = File.Exists(Path.Combine(resumed, MetricsFile.FileName))
                ? MetricsFile.Read(Path.Combine(resumed, MetricsFile.FileName))
                : new RunMetrics(info.Name, info.SourceFile, [], null);
            var metrics = previous with { Train = previous.Train.Where(e => e.Epoch <= epochsDone).ToArray(), Test = null };
            AnsiConsole.MarkupLineInterpolated($"resuming {resumed} after epoch {epochsDone}");
            return (resumed, metrics, epochsDone);
        }

        var outputDirectory = RunFolder.Create(options.OutputDirectory, ModelLookup.Stem(info), DateTime.Now);
        RunRecord.Write(outputDirectory, info, settings);
        return (outputDirectory, new RunMetrics(info.Name, info.SourceFile, [], null), 0);
    }
}
