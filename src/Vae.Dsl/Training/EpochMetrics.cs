namespace Vae.Dsl.Training;

/// <summary>
/// One training epoch's averages over the training set, in nats per example, and its wall-clock time.
/// The ELBO is the plain one (β = 1) whatever β the objective used, so epochs compare.
/// </summary>
/// <param name="SkippedSteps">Steps left out for a non-finite loss or gradient (training.on-non-finite: skip).</param>
public sealed record EpochMetrics(int Epoch, double Elbo, double Reconstruction, double Kl, double Seconds, int SkippedSteps = 0);
