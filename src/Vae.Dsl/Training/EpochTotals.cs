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

    public void Add(ElboTerms terms)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        elbo += terms.Elbo.sum(ScalarType.Float64).item<double>();
        reconstruction += terms.Reconstruction.sum(ScalarType.Float64).item<double>();
        kl += terms.Kl.sum(ScalarType.Float64).item<double>();
        examples += terms.Elbo.shape[0];
    }

    public EpochMetrics ToMetrics(int epoch, double seconds) =>
        new(epoch, elbo / examples, reconstruction / examples, kl / examples, seconds);
}
