using System;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Data;
using Vae.Dsl.Generated;
using Vae.Dsl.Models;
using Vae.Dsl.Native;
using static TorchSharp.torch;

namespace Vae.Dsl.Bench;

internal static class Benchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string model, int epochs, int importanceSamples, bool sweep, string script)
    {
        var posterior = PyTorchReference.PosteriorFor(model);
        var info = VaeModelCatalog.Models.FirstOrDefault(m => m.SourceFile == $"{model}.vae.yaml");
        if (posterior is null || info is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] no model '{model}' with a PyTorch reference; known: {PyTorchReference.Known}");
            return 2;
        }

        if (!PyTorchReference.IsAvailable(out var why))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {why}");
            return 2;
        }

        // The settings `vae train` uses (docs/threads.md); the thread sweep varies the threads only.
        var native = NativeSettings.Apply(NativeThreads.Recommended);
        var (train, test) = FashionMnist.Load();
        using var trainImages = train.Examples;
        using var testImages = test.Examples;
        AnsiConsole.MarkupLine($"machine: {Environment.ProcessorCount} cores; {epochs} epochs of each, Fashion-MNIST 60k, batch 128");
        AnsiConsole.MarkupLineInterpolated($"model: {info.Name} from {info.SourceFile}: {info.Summary}");

        if (sweep)
        {
            ThreadSweep(info, train);
        }

        NativeThreads.Apply(NativeThreads.Recommended);
        AnsiConsole.MarkupLine($"Vae.Dsl {native}");
        using var trainer = info.CreateTrainer();
        var ours = Enumerable.Range(1, epochs).Select(epoch => trainer.TrainEpoch(train, epoch)).ToArray();
        var ourEvaluation = importanceSamples > 0 ? trainer.Evaluate(test, importanceSamples) : null;

        AnsiConsole.MarkupLine($"PyTorch 1.13.1 (Debian python3-torch), same model (--posterior {posterior}) and protocol ...");
        var reference = PyTorchReference.Run(script, posterior, epochs, importanceSamples);

        var table = new Table().AddColumns("epoch", "Vae.Dsl s", "PyTorch s", "ratio", "Vae.Dsl ELBO", "PyTorch ELBO");
        for (var i = 0; i < epochs; i++)
        {
            table.AddRow(
                (i + 1).ToString(Invariant),
                ours[i].Seconds.ToString("F2", Invariant),
                reference.EpochSeconds[i].ToString("F2", Invariant),
                (ours[i].Seconds / reference.EpochSeconds[i]).ToString("F2", Invariant),
                ours[i].Elbo.ToString("F2", Invariant),
                reference.EpochElbo[i].ToString("F2", Invariant));
        }

        var bestOurs = ours.Min(e => e.Seconds);
        var bestReference = reference.EpochSeconds.Min();
        table.AddRow("best", bestOurs.ToString("F2", Invariant), bestReference.ToString("F2", Invariant), (bestOurs / bestReference).ToString("F2", Invariant), string.Empty, string.Empty);
        AnsiConsole.Write(table);

        if (ourEvaluation is not null && reference.TestElbo is { } referenceElbo)
        {
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"test ELBO: Vae.Dsl {ourEvaluation.Elbo:F2}; PyTorch {referenceElbo:F2}; difference (Vae.Dsl - PyTorch) {ourEvaluation.Elbo - referenceElbo:+0.00;-0.00} nats"));
        }

        if (ourEvaluation is not null && reference.LogPx is { } referenceLogPx && reference.IwaeSeconds is { } referenceSeconds)
        {
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"test log p(x), IWAE K = {importanceSamples}: Vae.Dsl {ourEvaluation.LogPx:F2} in {ourEvaluation.Seconds:F1} s; PyTorch {referenceLogPx:F2} in {referenceSeconds:F1} s; time ratio {ourEvaluation.Seconds / referenceSeconds:F2}"));
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"test log p(x) difference (Vae.Dsl - PyTorch): {ourEvaluation.LogPx - referenceLogPx:+0.00;-0.00} nats"));
        }

        return 0;
    }

    /// <summary>One epoch per setting, for docs/threads.md: which pool should get the cores.</summary>
    private static void ThreadSweep(VaeModelInfo info, VaeData data)
    {
        var cores = Environment.ProcessorCount;
        ThreadSettings[] settings = [new(1, 1), new(1, cores), new(cores, 1), new(cores, cores)];
        var table = new Table().AddColumns("ATen threads", "OpenBLAS threads", "epoch s");
        foreach (var setting in settings)
        {
            NativeThreads.Apply(setting);
            using var trainer = info.CreateTrainer();
            var epoch = trainer.TrainEpoch(data, 1);
            table.AddRow(setting.AtenThreads.ToString(Invariant), setting.BlasThreads.ToString(Invariant), epoch.Seconds.ToString("F2", Invariant));
        }

        AnsiConsole.Write(table);
    }
}
