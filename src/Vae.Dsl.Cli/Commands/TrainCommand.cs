using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Cli.Data;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Cli.Report;
using Vae.Dsl.Pictures;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Models;
using Vae.Dsl.Native;
using Vae.Dsl.Training;
using static TorchSharp.torch;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// <c>vae train &lt;model&gt;</c>: trains a compiled model on Fashion-MNIST as its file describes, printing each
/// epoch's ELBO, reconstruction, KL and time; saves the model; reports the test ELBO and log p(x) by IWAE;
/// and keeps all figures in metrics.json in the run's output folder.
/// </summary>
internal static class TrainCommand
{
    private static readonly CultureInfo Invariant = CommandSupport.Invariant;

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model: its file's name (fashion-mnist), path, or type name." };
        var epochs = CommandSupport.PositiveInt("--epochs", "Epochs to train (default: the model file's).");
        var samples = CommandSupport.PositiveInt("--importance-samples", "K, importance samples for the test log p(x) (default: the model file's).");
        var output = new Option<string?>("--output") { Description = "The run's output folder (default: runs/<model>-<time>); it must be new or empty." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint (written after every epoch)." };
        var data = new DataCommandOptions();
        var batchSize = CommandSupport.PositiveInt("--batch-size", "Examples per step (default: the model file's).");
        var learningRate = new Option<double?>("--learning-rate") { Description = "The optimizer's learning rate (default: the model file's)." };
        learningRate.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, Invariant, out var value) && !(value > 0 && double.IsFinite(value)))
            {
                result.AddError($"--learning-rate must be a positive number, not {result.Tokens[0].Value}");
            }
        });
        var seed = new Option<long?>("--seed") { Description = "The seed of initialization, shuffling and sampling (default: the model file's)." };
        seed.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && long.TryParse(result.Tokens[0].Value, NumberStyles.Integer, Invariant, out var value) && value < 0)
            {
                result.AddError($"--seed must be an integer ≥ 0, not {value}");
            }
        });
        var device = new Option<string?>("--device") { Description = "Where to train: cpu, cuda (the first GPU) or cuda:N (default: the model file's training.device, cpu if it has none)." };
        device.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !TrainingDevice.IsWellFormed(result.Tokens[0].Value))
            {
                result.AddError($"--device must be cpu, cuda or cuda:N, not {result.Tokens[0].Value}");
            }
        });
        var threads = CommandSupport.PositiveInt("--threads", "Threads of libtorch's pool, which MKL's matrix products share (default: every core, see docs/threads.md).");
        var denormals = new Option<string>("--denormals")
        {
            Description = "flush: float results below 1.18e-38 become 0, as fast as other numbers; keep: IEEE gradual underflow, much slower once training makes them (docs/threads.md).",
            DefaultValueFactory = _ => "flush",
        }.AcceptOnlyFromAmong("flush", "keep");

        var command = new Command("train", "Train a model on Fashion-MNIST or your own data (--data), save it, and evaluate it on the test set.")
        {
            model, epochs, samples, batchSize, learningRate, seed, output, resume,
        };
        foreach (var option in data.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(device);
        command.Options.Add(threads);
        command.Options.Add(denormals);
        command.Validators.Add(result =>
        {
            if (result.GetResult(output) is not null && result.GetResult(resume) is not null)
            {
                result.AddError("--output and --resume exclude each other: a resumed run stays in its folder");
            }

            if (result.GetResult(resume) is not null && (result.GetResult(batchSize) ?? result.GetResult(learningRate) ?? (object?)result.GetResult(seed)) is not null)
            {
                result.AddError("a resumed run keeps the batch size, learning rate and seed it started with");
            }
        });
        command.SetAction(parsed =>
        {
            var options = new TrainOptions(
                parsed.GetValue(model)!,
                parsed.GetValue(epochs),
                parsed.GetValue(samples),
                parsed.GetValue(batchSize),
                parsed.GetValue(learningRate),
                parsed.GetValue(seed),
                parsed.GetValue(output),
                data.From(parsed),
                parsed.GetValue(resume),
                parsed.GetValue(threads) ?? NativeThreads.Recommended,
                parsed.GetValue(denormals) == "keep" ? DenormalMode.Keep : DenormalMode.Flush,
                parsed.GetValue(device));
            return Run(options);
        });
        return command;
    }

    public static int Run(TrainOptions options)
    {
        var info = ModelLookup.Find(options.Model);
        if (info is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] no model '{options.Model}' is compiled into this program; known: {ModelLookup.Known}");
            return ExitCodes.Usage;
        }

        return ExitCodes.Of(() => Train(info, options));
    }

    private static int Train(VaeModelInfo info, TrainOptions options)
    {
        // The model file's settings with the command line's overrides; a resumed run keeps the ones it started with.
        var started = options.ResumeDirectory is { } folder ? RunRecord.ReadSettings(folder) : null;
        var settings = started is not null
            ? started with
            {
                Epochs = options.Epochs ?? started.Epochs,
                ImportanceSamples = options.ImportanceSamples ?? started.ImportanceSamples,
                Device = options.Device ?? started.Device,
            }
            : info.Settings with
            {
                Epochs = options.Epochs ?? info.Settings.Epochs,
                BatchSize = options.BatchSize ?? info.Settings.BatchSize,
                LearningRate = options.LearningRate ?? info.Settings.LearningRate,
                Seed = options.Seed ?? info.Settings.Seed,
                ImportanceSamples = options.ImportanceSamples ?? info.Settings.ImportanceSamples,
                Device = options.Device ?? info.Settings.Device,
            };
        var epochCount = settings.Epochs;
        // A device this machine lacks is an error before any data is read
        TrainingDevice.Resolve(settings.Device);
        var native = NativeSettings.Apply(options.Threads, options.Denormals);

        AnsiConsole.MarkupLineInterpolated($"[bold]{info.Name}[/] from {info.SourceFile}: {info.Summary}");
        AnsiConsole.MarkupLineInterpolated(
            $"{settings.Optimizer} lr {settings.LearningRate.ToString(Invariant)}, batch {settings.BatchSize}, {epochCount} epochs, seed {settings.Seed}, binarize {settings.Binarize}, device {settings.Device}");
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
        string outputDirectory;
        RunMetrics metrics;
        var epochsDone = 0;
        if (options.ResumeDirectory is { } resumed)
        {
            // The checkpoint is written before metrics.json after each epoch: the epochs it holds are the ones to keep.
            outputDirectory = resumed;
            epochsDone = Checkpoint.Load(Path.Combine(resumed, Checkpoint.FileName), trainer);
            var previous = File.Exists(Path.Combine(resumed, MetricsFile.FileName))
                ? MetricsFile.Read(Path.Combine(resumed, MetricsFile.FileName))
                : new RunMetrics(info.Name, info.SourceFile, [], null);
            metrics = previous with { Train = previous.Train.Where(e => e.Epoch <= epochsDone).ToArray(), Test = null };
            AnsiConsole.MarkupLineInterpolated($"resuming {resumed} after epoch {epochsDone}");
        }
        else
        {
            outputDirectory = RunFolder.Create(options.OutputDirectory, ModelLookup.Stem(info), DateTime.Now);
            RunRecord.Write(outputDirectory, info, settings);
            metrics = new RunMetrics(info.Name, info.SourceFile, [], null);
        }

        using var interruption = new Interruption();
        try
        {
            return TrainAndEvaluate(info, trainer, train, test, settings, epochsDone, outputDirectory, metrics, interruption);
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

    private static int TrainAndEvaluate(
        VaeModelInfo info, IVaeTrainer trainer, VaeData train, VaeData test, TrainingSettings settings, int epochsDone, string outputDirectory, RunMetrics metrics, Interruption interruption)
    {
        var epochCount = settings.Epochs;
        var k = settings.ImportanceSamples;
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
                    return settings.OnNonFinite == "rollback"
                        ? Rollback.TrainEpoch(trainer, train, epoch, progress, rollback => AnsiConsole.MarkupLineInterpolated(
                            $"[yellow]rolled back[/] epoch {rollback.Epoch} to its start ({rollback.Fault.Message}); learning rate now {string.Join(", ", rollback.LearningRates.Select(r => r.ToString("G3", Invariant)))}"))
                        : trainer.TrainEpoch(train, epoch, progress);
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
        return 0;
    }
}
