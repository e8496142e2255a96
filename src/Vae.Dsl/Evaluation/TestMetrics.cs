namespace Vae.Dsl.Evaluation;

/// <summary>
/// Test-set figures in nats per example: the ELBO, and log p(x) estimated by IWAE with K importance samples,
/// with the wall-clock time the whole evaluation took and, of that, log p(x)'s.
/// </summary>
public sealed record TestMetrics(double Elbo, double LogPx, int K, double Seconds, double LogPxSeconds);
