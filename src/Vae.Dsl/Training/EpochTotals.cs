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
        // the three sums over the batch in float64, in one reduction and one read (a step's fixed cost counts)
        var sums = stack([terms.Elbo, terms.Reconstruction, terms.Kl]).sum(1, type: ScalarType.Float64).cpu().data<double>();
        elbo += sums[0];
        reconstruction += sums[1];
        kl += sums[2];
        examples += terms.Elbo.shape[0];
    }

    /// <summary>Counts a step left out for a non-finite loss or gradient (training.on-non-finite: skip).</summary>
    public void Skip() => skippedSteps++;

    /// <summary>The epoch's averages over the steps taken; NaN if every step was skipped.</summary>
    public EpochMetrics ToMetrics(int epoch, double seconds) => examples == 0
        ? new(epoch, double.NaN, double.NaN, double.NaN, seconds, skippedSteps)
        : new(epoch, elbo / examples, reconstruction / examples, kl / examples, seconds, skippedSteps);
}
