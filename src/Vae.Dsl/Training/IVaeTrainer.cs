using System;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Dsl.Training;

/// <summary>
/// What every generated trainer offers, so a program can train any compiled model by name.
/// Data are examples of [N, FeatureCount] (with their classes, for a conditional model).
/// </summary>
public interface IVaeTrainer : IDisposable
{
    VaeModelInfo Info { get; }

    /// <summary>The settings this trainer uses: the model file's, or the ones it was created with.</summary>
    TrainingSettings Settings { get; }

    /// <summary>The model being trained, for saving and loading its parameters.</summary>
    nn.Module Module { get; }

    /// <summary>The same model through the surface every model shares, for pictures and reports.</summary>
    IVaeModel Model { get; }

    /// <summary>The optimizer, for saving and loading its state with a checkpoint.</summary>
    TorchSharp.Modules.OptimizerHelper Optimizer { get; }

    /// <summary>Optimizer steps taken since the model was created (step-based KL warm-up counts them).</summary>
    long StepsTaken { get; set; }

    /// <summary>One pass over the images in a fresh random order, one optimizer step per batch.</summary>
    EpochMetrics TrainEpoch(VaeData data, int epoch, IProgress<BatchProgress>? progress = null);

    /// <summary>Test ELBO and log p(x) estimated with <paramref name="importanceSamples"/> importance samples.</summary>
    TestMetrics Evaluate(VaeData data, int importanceSamples, IProgress<EvaluationProgress>? progress = null);
}
