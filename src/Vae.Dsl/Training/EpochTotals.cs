using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Training;

/// <summary>Sums of the per-example ELBO terms over an epoch, turned into per-example averages at its end.</summary>
public sealed class EpochTotals
{
    private double elbo;
    private double reconstruction;
    private double kl;
    private long examples;
    private int skippedSteps;

    public void Add(ElboTerms terms)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        elbo += terms.Elbo.sum(ScalarType.Float64).item<double>();
        reconstruction += terms.Reconstruction.sum(ScalarType.Float64).item<double>();
        kl += terms.Kl.sum(ScalarType.Float64).item<double>();
        examples += terms.Elbo.shape[0];
    }

    /// <summary>Counts a step left out for a non-finite loss or gradient (training.on-non-finite: skip).</summary>
    public void Skip() => skippedSteps++;

    /// <summary>The epoch's averages over the steps taken; NaN if every step was skipped.</summary>
    public EpochMetrics ToMetrics(int epoch, double seconds) => examples == 0
        ? new(epoch, double.NaN, double.NaN, double.NaN, seconds, skippedSteps)
        : new(epoch, elbo / examples, reconstruction / examples, kl / examples, seconds, skippedSteps);
}
