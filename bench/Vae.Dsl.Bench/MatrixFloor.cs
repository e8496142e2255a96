using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Vae.Dsl.Models;
using static TorchSharp.torch;

namespace Vae.Dsl.Bench;

/// <summary>
/// The floor under an epoch's time: the time the epoch's matrix products alone take on this machine, through
/// TorchSharp (libtorch's MKL, on libtorch's pool), with nothing else running. Every nn.Linear of the model does, per
/// batch of B examples, with weight W [out, in] and input x [B, in]: the forward product x Wᵀ (at::linear, an addmm
/// with the bias), and in the backward pass the gradient with respect to its input dy W (skipped for the layer that
/// reads the data, which needs no gradient) and with respect to its weight xᵀ dy (the products libtorch's addmm
/// backward computes, by mm).
/// The layers' shapes come from a fresh model's parameters (every 2-D ".weight"), so it holds for every model;
/// other matrix work (the full-covariance posterior's batched L ε) is left out, so the floor is a lower bound.
/// </summary>
internal sealed class MatrixFloor : IDisposable
{
    /// <summary>Batches per timing sample; the best of <see cref="Samples"/> samples counts.</summary>
    private const int BatchesPerSample = 20;
    private const int Samples = 5;

    private readonly List<Layer> layers;
    private readonly Generator generator = new(1);

    private MatrixFloor(List<Layer> layers, long batchSize, long batchesPerEpoch)
    {
        this.layers = layers;
        BatchSize = batchSize;
        BatchesPerEpoch = batchesPerEpoch;
    }

    public long BatchSize { get; }

    /// <summary>ceil(training examples / batch size): the last, smaller batch is counted as a full one.</summary>
    public long BatchesPerEpoch { get; }

    /// <summary>The layers' products for one batch, e.g. "784x400, 400x20, 400x20, 20x400, 400x784 at batch 128".</summary>
    public string Description => $"{string.Join(", ", layers.Select(l => $"{l.Inputs}x{l.Outputs}"))} at batch {BatchSize}";

    /// <summary>Floating-point operations of one epoch's matrix products, forward and backward.</summary>
    public double EpochFlops => layers.Sum(l => l.BatchFlops(BatchSize)) * BatchesPerEpoch;

    /// <summary>
    /// Reads the layers of a fresh model of <paramref name="info"/>. Call it before creating the trainer to measure:
    /// a fresh trainer seeds the default generator.
    /// </summary>
    public static MatrixFloor For(VaeModelInfo info, long trainingExamples)
    {
        using var trainer = info.CreateTrainer();
        var layers = trainer.Module.named_parameters()
            .Where(p => p.name.EndsWith("weight", StringComparison.Ordinal) && p.parameter.shape.Length == 2)
            .Select(p => new Layer(Inputs: p.parameter.shape[1], Outputs: p.parameter.shape[0], ReadsData: p.parameter.shape[1] == info.FeatureCount))
            .ToList();
        var batchSize = trainer.Settings.BatchSize;
        var batches = (trainingExamples + batchSize - 1) / batchSize;
        return new MatrixFloor(layers, batchSize, batches);
    }

    /// <summary>Times the products of one batch (the best of several samples) and returns the epoch's floor.</summary>
    public FloorMeasurement Measure()
    {
        using var scope = NewDisposeScope();
        // Random operands from a generator of their own: the default one belongs to the training run.
        var operands = layers.Select(l => new Operands(
            Input: rand(BatchSize, l.Inputs, generator: generator),
            Weight: rand(l.Outputs, l.Inputs, generator: generator),
            Bias: rand(l.Outputs, generator: generator),
            OutputGradient: rand(BatchSize, l.Outputs, generator: generator))).ToList();

        var best = double.PositiveInfinity;
        for (var sample = 0; sample < Samples; sample++)
        {
            var watch = Stopwatch.StartNew();
            for (var batch = 0; batch < BatchesPerSample; batch++)
            {
                for (var i = 0; i < layers.Count; i++)
                {
                    RunProducts(layers[i], operands[i]);
                }
            }

            best = Math.Min(best, watch.Elapsed.TotalSeconds / BatchesPerSample);
        }

        var batchFlops = layers.Sum(l => l.BatchFlops(BatchSize));
        return new FloorMeasurement(GflopPerSecond: batchFlops / best / 1e9, EpochSeconds: best * BatchesPerEpoch);
    }

    public void Dispose() => generator.Dispose();

    /// <summary>One layer's products for one batch, as nn.Linear's forward and libtorch's addmm backward run them.</summary>
    private static void RunProducts(Layer layer, Operands o)
    {
        using (nn.functional.linear(o.Input, o.Weight, o.Bias))
        {
        }

        if (!layer.ReadsData)
        {
            using (o.OutputGradient.mm(o.Weight))
            {
            }
        }

        using var inputT = o.Input.t();
        using (inputT.mm(o.OutputGradient))
        {
        }
    }

    private sealed record Layer(long Inputs, long Outputs, bool ReadsData)
    {
        /// <summary>
        /// FLOPs of this layer's products for a batch of B: 2·m·n·k per product of [m, k] x [k, n]:
        /// forward x Wᵀ 2·B·in·out; weight gradient xᵀ dy 2·in·B·out; input gradient dy W 2·B·out·in (not for the data layer).
        /// </summary>
        public double BatchFlops(long batch) =>
            // (forward + weight gradient + input gradient where needed) · 2·B·in·out
            (ReadsData ? 2 : 3) * 2.0 * batch * Inputs * Outputs;
    }

    private sealed record Operands(Tensor Input, Tensor Weight, Tensor Bias, Tensor OutputGradient);
}

/// <summary>The matrix products' measured rate, and the epoch time it gives.</summary>
internal sealed record FloorMeasurement(double GflopPerSecond, double EpochSeconds);
