using System;
using System.CommandLine;
using System.IO;
using Spectre.Console;
using Vae.Dsl.Bench;
using Vae.Dsl.Native;

if (Console.IsOutputRedirected)
{
    // A log file gets plain text at full width, not colour codes wrapped at 80 columns.
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Width = 260;
}

// Trains a model with Vae.Dsl and with the PyTorch reference of the same model, in one run on one machine, and
// prints the epoch times, ELBOs and resident memory side by side, each time also as a ratio to the floor of the model's matrix products
// (and, with --importance-samples, the test ELBO and log p(x) too). docs/benchmark.md describes the design.
var modelOption = new Option<string>("--model")
{
    Description = $"The model to train with both: {PyTorchReference.Known}.",
    DefaultValueFactory = _ => "fashion-mnist",
};
var epochsOption = new Option<int>("--epochs") { Description = "Epochs to train each implementation.", DefaultValueFactory = _ => 3 };
var samplesOption = new Option<int>("--importance-samples") { Description = "K for a timed test log p(x) evaluation (0: skip).", DefaultValueFactory = _ => 0 };
var roundsOption = new Option<int>("--evaluation-rounds")
{
    Description = "With --importance-samples: evaluations of each side, alternating (Vae.Dsl, PyTorch, Vae.Dsl, ...).",
    DefaultValueFactory = _ => 2,
};
var sweepOption = new Option<bool>("--threads-sweep") { Description = "Also time one epoch for each size of libtorch's thread pool, 1 to every core." };
var denormalsOption = new Option<string>("--denormals")
{
    Description = "flush (both sides flush denormals to zero: vae train's default) or keep (IEEE gradual underflow on both).",
    DefaultValueFactory = _ => "flush",
}.AcceptOnlyFromAmong("flush", "keep");
var scriptOption = new Option<string>("--reference") { Description = "The PyTorch reference script.", DefaultValueFactory = _ => Path.Combine("bench", "reference", "pytorch_vae.py") };
var root = new RootCommand("Vae.Dsl vs PyTorch on the default model (784-400-20 MLP VAE, Fashion-MNIST) or its full-covariance variant.")
{
    modelOption, epochsOption, samplesOption, roundsOption, sweepOption, denormalsOption, scriptOption,
};
root.SetAction(parsed => Benchmark.Run(
    parsed.GetValue(modelOption)!,
    parsed.GetValue(epochsOption),
    parsed.GetValue(samplesOption),
    parsed.GetValue(roundsOption),
    parsed.GetValue(sweepOption),
    parsed.GetValue(denormalsOption) == "keep" ? DenormalMode.Keep : DenormalMode.Flush,
    parsed.GetValue(scriptOption)!));
return root.Parse(args).Invoke();
