namespace Vae.Dsl.Training;

/// <summary>Progress through one epoch: <paramref name="Batch"/> of <paramref name="BatchCount"/> steps done.</summary>
public readonly record struct BatchProgress(int Epoch, int Batch, int BatchCount);
