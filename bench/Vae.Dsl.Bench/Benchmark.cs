using System;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Generated;
using Vae.Dsl.Kernels;
using Vae.Dsl.Models;
using Vae.Dsl.Native;
using Vae.Dsl.Training;

namespace Vae.Dsl.Bench;

internal static class Benchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string model, int epochs, int importanceSamples, int evaluationRounds, bool sweep, DenormalMode denormals, string script)
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
        var native = NativeSettings.Apply(NativeThreads.Recommended, denormals);
        var (train, test) = FashionMnist.Load();
        // As vae train does: the arrays the data was read into are garbage now, and so is each epoch's
        ManagedHeap.Collect();
        using var trainImages = train.Examples;
        using var testImages = test.Examples;
        AnsiConsole.MarkupLine($"machine: {Environment.ProcessorCount} cores; {epochs} epochs of each, Fashion-MNIST 60k, batch 128");
        AnsiConsole.MarkupLineInterpolated($"model: {info.Name} from {info.SourceFile}: {info.Summary}");

        if (sweep)
        {
            ThreadSweep(info, train);
        }

        NativeThreads.Apply(NativeThreads.Recommended);
        foreach (var line in native.Split('\n'))
        {
            AnsiConsole.MarkupLineInterpolated($"Vae.Dsl {line}");
        }

        AnsiConsole.MarkupLineInterpolated($"Vae.Dsl MKL: {Mkl.Version ?? "version n/a"} in libtorch_cpu, {Mkl.Threads?.ToString(Invariant) ?? "n/a"} threads (libtorch's pool)");
        // the fused passes the generated code calls (docs/kernels.md): native, or TorchSharp's operations where not loaded
        var kernels = NativeKernels.IsLoaded
            ? $"native (Bernoulli log-likelihood forward and backward, Adam/AdamW step, Bernoulli draws of dynamic binarization, {(MlpVaeKernels.IsAvailable ? "the loss and gradients of ReLU MLP VAEs in one call with libtorch_cpu's sgemm" : "not the loss and gradients of ReLU MLP VAEs in one call: libtorch_cpu exports no sgemm")}, {(MlpVaeKernels.IwaeIsAvailable ? "their IWAE in one call" : "not their IWAE in one call")}; split over {NativeKernels.PoolThreads} threads of libtorch's pool where they run on it; the evaluation's fused Linear + Bernoulli log-likelihood on {LinearBernoulliLogLikelihood.NativeInstructions ?? "no native path (TorchSharp's operations)"}, one thread per batch)"
            : $"TorchSharp's operations ({NativeKernels.Status})";
        AnsiConsole.MarkupLineInterpolated($"Vae.Dsl kernels: {kernels}");
        // the project file's TieredCompilationQuickJit, as vae's (docs/threads.md, "The JIT")
        var quickJit = string.Equals(AppContext.GetData("System.Runtime.TieredCompilation.QuickJit")?.ToString(), "false", StringComparison.OrdinalIgnoreCase)
            ? "methods without precompiled code compiled fully optimized when first run (TieredCompilationQuickJit false, as vae)"
            : "tiered compilation with quick JIT (.NET's default)";
        AnsiConsole.MarkupLineInterpolated($"Vae.Dsl JIT: {quickJit}");

        // Read the layers before the trainer exists: a fresh trainer seeds the default generator.
        using var floor = MatrixFloor.For(info, train.Count);
        AnsiConsole.MarkupLine($"PyTorch 1.13.1 (Debian python3-torch), same model (--posterior {posterior}) and protocol, one epoch at a time ...");
        using var reference = PyTorchReference.Start(script, posterior, epochs, importanceSamples, denormals);
        AnsiConsole.MarkupLineInterpolated($"PyTorch matrix products: OpenBLAS {reference.BlasKernel} kernel ({reference.KernelChoice})");
        AnsiConsole.MarkupLineInterpolated($"PyTorch threads: {reference.Threads} (torch.set_num_threads), OpenBLAS's {reference.BlasThreading} build");
        AnsiConsole.MarkupLineInterpolated($"PyTorch denormals: {reference.Denormals}");
        AnsiConsole.MarkupLine(string.Create(
            Invariant,
            $"floor: the epoch's matrix products alone ({floor.Description}, forward and backward, {floor.BatchesPerEpoch} batches): {floor.EpochFlops / 1e9:F1} GFLOP"));

        // Drift (other work on the machine, frequency changes) must hit both sides alike, so the two alternate epoch by
        // epoch: in each round the floor is timed, then Vae.Dsl trains an epoch, then the PyTorch script (one process
        // for the whole run, waiting on its stdin between epochs) trains its next one. Each side trains exactly as it
        // would alone: its own process, seed and random numbers; only the order of the epochs in time is new.
        using var trainer = info.CreateTrainer();
        var ours = new EpochMetrics[epochs];
        var ourMemory = new ResidentMemory[epochs];
        var theirs = new PyTorchEpoch[epochs];
        var floors = new FloorMeasurement[epochs];
        for (var i = 0; i < epochs; i++)
        {
            floors[i] = floor.Measure();
            ours[i] = trainer.TrainEpoch(train, i + 1);
            ManagedHeap.Collect();
            ourMemory[i] = ResidentMemory.OfThisProcess();
            theirs[i] = reference.TrainEpoch();
        }

        // what computed the last batch's loss and gradients, on this thread (docs/kernels.md)
        AnsiConsole.MarkupLine(MlpVaeKernels.LastCallNative
            ? "Vae.Dsl training step: loss and gradients in one native call over the whole network (MlpVaeKernels)"
            : "Vae.Dsl training step: loss and gradients by TorchSharp's operations and autograd (the model is not a ReLU MLP VAE with a Bernoulli likelihood, or the native call does not take it)");

        // The evaluations alternate too, round by round: ours, then the script's
        var rounds = importanceSamples > 0 ? Math.Max(1, evaluationRounds) : 1;
        var ourEvaluations = new TestMetrics?[rounds];
        var referenceEvaluations = new PyTorchEvaluation[rounds];
        var nativeIwaeCalls = MlpVaeKernels.NativeIwaeCalls;
        for (var r = 0; r < rounds; r++)
        {
            ourEvaluations[r] = importanceSamples > 0 ? trainer.Evaluate(test, importanceSamples) : null;
            referenceEvaluations[r] = reference.Evaluate();
        }

        // what computed the evaluation's IWAE (on the batch workers: counted over every thread)
        if (importanceSamples > 0)
        {
            AnsiConsole.MarkupLine(MlpVaeKernels.NativeIwaeCalls > nativeIwaeCalls
                ? "Vae.Dsl evaluation: IWAE in one native call over the whole network per chunk of draws (MlpVaeKernels)"
                : "Vae.Dsl evaluation: IWAE by the model's TorchSharp operations (the model is not a ReLU MLP VAE with a Bernoulli likelihood, or the native call does not take it)");
        }

        var ourEvaluation = ourEvaluations[0];
        var referenceEvaluation = referenceEvaluations[0];

        var table = new Table().AddColumns(
            "epoch", "Vae.Dsl s", "PyTorch s", "floor s", "floor GFLOP/s", "Vae.Dsl / PyTorch", "Vae.Dsl / floor", "PyTorch / floor", "Vae.Dsl ELBO", "PyTorch ELBO",
            "Vae.Dsl RSS MiB", "Vae.Dsl peak MiB", "PyTorch RSS MiB", "PyTorch peak MiB");
        for (var i = 0; i < epochs; i++)
        {
            table.AddRow(
                (i + 1).ToString(Invariant),
                ours[i].Seconds.ToString("F2", Invariant),
                theirs[i].Seconds.ToString("F2", Invariant),
                floors[i].EpochSeconds.ToString("F2", Invariant),
                floors[i].GflopPerSecond.ToString("F0", Invariant),
                (ours[i].Seconds / theirs[i].Seconds).ToString("F2", Invariant),
                (ours[i].Seconds / floors[i].EpochSeconds).ToString("F2", Invariant),
                (theirs[i].Seconds / floors[i].EpochSeconds).ToString("F2", Invariant),
                ours[i].Elbo.ToString("F2", Invariant),
                theirs[i].Elbo.ToString("F2", Invariant),
                ourMemory[i].Mib.ToString("F1", Invariant),
                ourMemory[i].PeakMib.ToString("F1", Invariant),
                theirs[i].Memory.Mib.ToString("F1", Invariant),
                theirs[i].Memory.PeakMib.ToString("F1", Invariant));
        }

        var bestOurs = ours.Min(e => e.Seconds);
        var bestReference = theirs.Min(e => e.Seconds);
        var bestFloor = floors.MinBy(f => f.EpochSeconds)!;
        table.AddRow(
            "best",
            bestOurs.ToString("F2", Invariant),
            bestReference.ToString("F2", Invariant),
            bestFloor.EpochSeconds.ToString("F2", Invariant),
            bestFloor.GflopPerSecond.ToString("F0", Invariant),
            (bestOurs / bestReference).ToString("F2", Invariant),
            (bestOurs / bestFloor.EpochSeconds).ToString("F2", Invariant),
            (bestReference / bestFloor.EpochSeconds).ToString("F2", Invariant),
            string.Empty,
            string.Empty,
            string.Empty,
            string.Empty,
            string.Empty,
            string.Empty);
        AnsiConsole.Write(table);
        var toReference = Enumerable.Range(0, epochs).Select(i => ours[i].Seconds / theirs[i].Seconds).Order().ToArray();
        var toFloor = Enumerable.Range(0, epochs).Select(i => ours[i].Seconds / floors[i].EpochSeconds).Order().ToArray();
        AnsiConsole.MarkupLine(string.Create(
            Invariant,
            $"epoch time ratio (Vae.Dsl / PyTorch) over {epochs} rounds: {toReference[0]:F2}–{toReference[^1]:F2}, median {Median(toReference):F2} (target ≤ 0.60)"));
        AnsiConsole.MarkupLine(string.Create(
            Invariant,
            $"epoch time / floor (Vae.Dsl) over {epochs} rounds: {toFloor[0]:F2}–{toFloor[^1]:F2}, median {Median(toFloor):F2}{(posterior == "full" ? string.Empty : " (target ≤ 1.60)")}"));
        var theirMemory = theirs.Select(e => e.Memory).ToArray();
        AnsiConsole.WriteLine(MemorySummary.Peaks(ourMemory, theirMemory));
        AnsiConsole.WriteLine(MemorySummary.Growth(ourMemory, theirMemory));

        if (ourEvaluation is not null)
        {
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"test ELBO: Vae.Dsl {ourEvaluation.Elbo:F2}; PyTorch {referenceEvaluation.TestElbo:F2}; difference (Vae.Dsl - PyTorch) {ourEvaluation.Elbo - referenceEvaluation.TestElbo:+0.00;-0.00} nats"));
        }

        if (ourEvaluation is not null && referenceEvaluation.LogPx is { } referenceLogPx && referenceEvaluation.IwaeSeconds is not null)
        {
            for (var r = 0; r < rounds; r++)
            {
                var ourRound = ourEvaluations[r]!;
                var referenceRound = referenceEvaluations[r];
                AnsiConsole.MarkupLine(string.Create(
                    Invariant,
                    $"test log p(x), IWAE K = {importanceSamples}, round {r + 1} of {rounds}: Vae.Dsl {ourRound.LogPx:F2} in {ourRound.LogPxSeconds:F1} s; PyTorch {referenceRound.LogPx:F2} in {referenceRound.IwaeSeconds:F1} s; time ratio {ourRound.LogPxSeconds / referenceRound.IwaeSeconds:F2}"));
            }

            var ratios = Enumerable.Range(0, rounds).Select(r => ourEvaluations[r]!.LogPxSeconds / referenceEvaluations[r].IwaeSeconds!.Value).Order().ToArray();
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"evaluation time ratio (Vae.Dsl / PyTorch) over {rounds} rounds: {ratios[0]:F2}–{ratios[^1]:F2}, median {Median(ratios):F2} (target ≤ {EvaluationTarget(posterior):F2})"));
            AnsiConsole.MarkupLine(string.Create(
                Invariant,
                $"test log p(x) difference (Vae.Dsl - PyTorch): {ourEvaluation.LogPx - referenceLogPx:+0.00;-0.00} nats (target within 0.3)"));
        }

        return 0;
    }

    /// <summary>The issue's target for the evaluation's time over PyTorch's: 0.4 for the full-covariance model, 0.45 for the default.</summary>
    private static double EvaluationTarget(string posterior) => posterior == "full" ? 0.40 : 0.45;

    /// <summary>The median of sorted values.</summary>
    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>One epoch for each size of libtorch's pool, 1 to every core (MKL's threads follow it), for docs/threads.md.</summary>
    private static void ThreadSweep(VaeModelInfo info, VaeData data)
    {
        var table = new Table().AddColumns("threads asked", "libtorch threads", "MKL threads", "epoch s");
        for (var threads = 1; threads <= Environment.ProcessorCount; threads++)
        {
            var inUse = NativeThreads.Apply(threads);
            using var trainer = info.CreateTrainer();
            var epoch = trainer.TrainEpoch(data, 1);
            table.AddRow(
                threads.ToString(Invariant),
                inUse.ToString(Invariant),
                Mkl.Threads?.ToString(Invariant) ?? "n/a",
                epoch.Seconds.ToString("F2", Invariant));
        }

        AnsiConsole.MarkupLine("thread sweep, libtorch's OpenMP pool (elementwise kernels and MKL's products):");
        AnsiConsole.Write(table);
    }
}
