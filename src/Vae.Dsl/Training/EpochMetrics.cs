namespace Vae.Dsl.Training;

/// <summary>
/// One training epoch's averages over the training set, in nats per example, and its wall-clock time.
/// The ELBO is the plain one (β = 1) whatever β the objective used, so epochs compare.
/// </summary>
public sealed record EpochMetrics(int Epoch, double Elbo, double Reconstruction, double Kl, double Seconds);
