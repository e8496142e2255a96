using System;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Data;
using Vae.Dsl.Native;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Dsl.Bench;

internal static class Benchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(int epochs, int importanceSamples, bool sweep, string script)
    {
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

        if (sweep)
        {
            ThreadSweep(train);
        }

        NativeThreads.Apply(NativeThreads.Recommended);
        AnsiConsole.MarkupLine($"Vae.Dsl {native}");
        using var trainer = FashionMnistVaeTrainer.Create();
        var ours = Enumerable.Range(1, epochs).Select(epoch => trainer.TrainEpoch(train, epoch)).ToArray();
        var ourEvaluation = importanceSamples > 0 ? trainer.Evaluate(test, importanceSamples) : null;

        AnsiConsole.MarkupLine("PyTorch 1.13.1 (Debian python3-torch), same model and protocol ...");
        var reference = PyTorchReference.Run(script, epochs, importanceSamples);

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

        if (ourEvaluation is not null && reference.LogPx is { } referenceLogPx && reference.IwaeSeconds is { } referenceSeconds)
        {
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"test log p(x), IWAE K = {importanceSamples}: Vae.Dsl {ourEvaluation.LogPx:F2} in {ourEvaluation.Seconds:F1} s; PyTorch {referenceLogPx:F2} in {referenceSeconds:F1} s; time ratio {ourEvaluation.Seconds / referenceSeconds:F2}"));
        }

        return 0;
    }

    /// <summary>One epoch per setting, for docs/threads.md: which pool should get the cores.</summary>
    private static void ThreadSweep(VaeData data)
    {
        var cores = Environment.ProcessorCount;
        ThreadSettings[] settings = [new(1, 1), new(1, cores), new(cores, 1), new(cores, cores)];
        var table = new Table().AddColumns("ATen threads", "OpenBLAS threads", "epoch s");
        foreach (var setting in settings)
        {
            NativeThreads.Apply(setting);
            using var trainer = FashionMnistVaeTrainer.Create();
            var epoch = trainer.TrainEpoch(data, 1);
            table.AddRow(setting.AtenThreads.ToString(Invariant), setting.BlasThreads.ToString(Invariant), epoch.Seconds.ToString("F2", Invariant));
        }

        AnsiConsole.Write(table);
    }
}
