using System;
using System.Globalization;
using Spectre.Console;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Models;
using Vae.Dsl.Native;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// One <c>vae train</c> run from start to end: the settings (<see cref="RunSettings"/>), the native settings, the data
/// read and checked against the model, the run folder new or resumed (<see cref="RunStart"/>), the epochs
/// (<see cref="TrainingLoop"/>), and the evaluation, pictures and report (<see cref="RunEnd"/>); Ctrl-C saves the
/// model as it is.
/// </summary>
internal static class TrainRun
{
    private static readonly CultureInfo Invariant = CommandSupport.Invariant;

    public static int Train(VaeModelInfo info, TrainOptions options)
    {
        var settings = RunSettings.For(info, options);
        var epochCount = settings.Epochs;
        // A device this machine lacks is an error before any data is read
        TrainingDevice.Resolve(settings.Device);
        var native = NativeSettings.Apply(options.Threads, options.Denormals);

        AnsiConsole.MarkupLineInterpolated($"[bold]{info.Name}[/] from {info.SourceFile}: {info.Summary}");
        AnsiConsole.MarkupLineInterpolated(
            $"{ChoiceWords.Of(settings.Optimizer)} lr {settings.LearningRate.ToString(Invariant)}, batch {settings.BatchSize}, {epochCount} epochs, seed {settings.Seed}, binarize {ChoiceWords.Of(settings.Binarize)}, device {settings.Device}");
        AnsiConsole.WriteLine(native);

        // Everything that can be wrong with the inputs is found before training: the data against the model, the output folder.
        var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(options.Data), info);
        // The arrays the data was read into are garbage now (docs/threads.md, "The managed heap")
        ManagedHeap.Collect();
        using var trainImages = train.Examples;
        using var testImages = test.Examples;
        using var trainLabels = train.Labels;
        using var testLabels = test.Labels;
        AnsiConsole.MarkupLineInterpolated($"data: {train.Count} training and {test.Count} test examples");
        using var trainer = info.CreateTrainer(settings);
        var (outputDirectory, metrics, epochsDone) = RunStart.Open(info, trainer, settings, options);

        using var interruption = new Interruption();
        try
        {
            metrics = TrainingLoop.Run(trainer, train, settings, epochsDone, outputDirectory, metrics, interruption);
            return RunEnd.Finish(info, trainer, test, settings, outputDirectory, metrics, interruption);
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            // Ctrl-C: the step in progress has finished; keep the parameters as they are now, and the epochs finished
            var saved = SavedModel.Write(outputDirectory, trainer.Module);
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]interrupted[/]: saved {saved} as it is now; {Checkpoint.FileName} holds the last finished epoch: continue with vae train {ModelLookup.Stem(info)} --resume {outputDirectory}");
            return Interruption.ExitCode;
        }
    }
}
