using System;
using System.Diagnostics;
using Vae.Dsl.Data;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Evaluation;

/// <summary>
/// The evaluation protocol every generated trainer uses: the test ELBO, and log p(x) estimated by IWAE_K with
/// the K samples drawn in chunks that fit in memory and combined exactly with logsumexp.
/// </summary>
public static class Evaluator
{
    /// <summary>
    /// Elements of the largest [samples, examples, features] decoder output one IWAE chunk may stand for: 8 MB of
    /// float32 (267 samples of 10 examples for the default model). With the fused Linear + Bernoulli pass that output
    /// is never stored, and fewer, larger calls pack the decoder's weight fewer times and run the rest of a chunk's
    /// operations fewer times: the default model's K = 1000 evaluation took 42.9-49.3 s against 51.8-56.0 s with
    /// 2 MB chunks, run alternately (Intel Xeon, 2026-12-06); 16 and 32 MB were no faster. Where the output is stored
    /// (other likelihoods), freed memory kept for reuse (NativeAllocator) keeps chunks of this size as fast as 2 MB ones.
    /// </summary>
    public const long ChunkElementBudget = 1L << 21;

    /// <summary>Examples per IWAE batch: few, so that a chunk holds many samples and the encoder runs once per chunk on little.</summary>
    public const int IwaeExamplesPerBatch = 10;

    /// <summary>Examples per ELBO batch.</summary>
    public const int ElboExamplesPerBatch = 100;

    /// <summary>
    /// Evaluates a model on data of [N, features] (binarized already where the model binarizes). log p(x)'s draws
    /// come from generators seeded by <paramref name="seed"/> (<see cref="LogMarginalLikelihood"/>).
    /// </summary>
    public static TestMetrics Evaluate(
        Func<VaeData, ElboTerms> elbo,
        Func<VaeData, int, Generator, Tensor> iwae,
        VaeData data,
        int importanceSamples,
        long seed,
        IProgress<EvaluationProgress>? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        using var noGrad = no_grad();
        var meanElbo = MeanElbo(elbo, data, progress);
        var elboSeconds = stopwatch.Elapsed.TotalSeconds;
        var logPx = LogMarginalLikelihood(iwae, data, importanceSamples, seed, progress);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new TestMetrics(meanElbo, logPx, importanceSamples, seconds, LogPxSeconds: seconds - elboSeconds);
    }

    /// <summary>The ELBO averaged over the examples of data.</summary>
    public static double MeanElbo(Func<VaeData, ElboTerms> elbo, VaeData data, IProgress<EvaluationProgress>? progress = null)
    {
        var count = data.Count;
        var total = 0.0;
        for (long start = 0; start < count; start += ElboExamplesPerBatch)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ElboExamplesPerBatch, count - start);
            total += elbo(data.Narrow(start, length)).Elbo.sum(ScalarType.Float64).item<double>();
            progress?.Report(new EvaluationProgress("ELBO", start + length, count));
        }

        return total / count;
    }

    /// <summary>
    /// log p(x) ≈ IWAE_K averaged over the examples of data, in batches of <see cref="IwaeExamplesPerBatch"/>
    /// examples spread over <paramref name="workers"/> threads (<see cref="BatchWorkers"/>; by default, as many as the
    /// thread settings allow). Batch b draws its samples from a generator of its own, seeded by
    /// <see cref="BatchSeed"/>(<paramref name="seed"/>, b), so the estimate is the same whichever thread runs which batch.
    /// </summary>
    public static double LogMarginalLikelihood(
        Func<VaeData, int, Generator, Tensor> iwae,
        VaeData data,
        int importanceSamples,
        long seed,
        IProgress<EvaluationProgress>? progress = null,
        int? workers = null)
    {
        var count = data.Count;
        var features = data.Examples.numel() / Math.Max(1, count);
        var samplesPerChunk = SamplesPerChunk(importanceSamples, features);
        var batches = (int)((count + IwaeExamplesPerBatch - 1) / IwaeExamplesPerBatch);
        long done = 0;

        double SumOfBatch(int b)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator(BatchSeed(seed, b), data.Examples.device);
            var x = data.Narrow((long)b * IwaeExamplesPerBatch, BatchLength(b));
            return SumOfLogPx(iwae, x, importanceSamples, samplesPerChunk, generator);
        }

        void BatchDone(int b)
        {
            done += BatchLength(b);
            progress?.Report(new EvaluationProgress("log p(x)", done, count));
        }

        long BatchLength(int b) => Math.Min(IwaeExamplesPerBatch, count - ((long)b * IwaeExamplesPerBatch));

        var total = BatchWorkers.Sum(batches, workers ?? BatchWorkers.FromThreadSettings(), SumOfBatch, BatchDone);
        return total / count;
    }

    /// <summary>
    /// Σ over the examples of x of IWAE_K. Chunk c of k_c samples gives IWAE_(k_c) + log k_c = logsumexp over its
    /// samples of log w, so IWAE_K = logsumexp_c (IWAE_(k_c) + log k_c) - log K.
    /// </summary>
    private static double SumOfLogPx(
        Func<VaeData, int, Generator, Tensor> iwae, VaeData x, int importanceSamples, int samplesPerChunk, Generator generator)
    {
        var chunkLogSums = new Tensor[(importanceSamples + samplesPerChunk - 1) / samplesPerChunk];
        for (var c = 0; c < chunkLogSums.Length; c++)
        {
            var k = Math.Min(samplesPerChunk, importanceSamples - (c * samplesPerChunk));
            // logsumexp_j log w_j over this chunk = IWAE_k + log k
            chunkLogSums[c] = iwae(x, k, generator) + Math.Log(k);
        }

        // IWAE_K = logsumexp over all K samples - log K
        var logPx = stack(chunkLogSums).logsumexp(0) - Math.Log(importanceSamples);
        return logPx.sum(ScalarType.Float64).item<double>();
    }

    /// <summary>
    /// The seed of batch b's generator: SplitMix64's mix of seed + (b + 1)·γ, γ = 2⁶⁴/φ, so that neighbouring batches,
    /// and the same batch under neighbouring seeds, start their generators far apart.
    /// </summary>
    public static ulong BatchSeed(long seed, int batch)
    {
        var z = unchecked((ulong)seed + ((ulong)(batch + 1) * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>The most samples per chunk that keep a chunk's decoder output within the element budget.</summary>
    public static int SamplesPerChunk(int importanceSamples, long features) =>
        (int)Math.Clamp(ChunkElementBudget / (IwaeExamplesPerBatch * Math.Max(1, features)), 1, importanceSamples);
}
