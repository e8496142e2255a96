using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vae.Dsl.Cli.Data;
using Vae.Dsl.Native;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// <c>vae train &lt;model&gt;</c>: its options and their checks, read into <see cref="TrainOptions"/>; the run itself is
/// <see cref="TrainRun"/>, which trains a compiled model as its file describes, printing each epoch's ELBO,
/// reconstruction, KL and time, saves it, reports the test ELBO and log p(x) by IWAE, and keeps all figures in
/// metrics.json in the run's output folder.
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

        return ExitCodes.Of(() => TrainRun.Train(info, options));
    }
}
