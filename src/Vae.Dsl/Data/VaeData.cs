using static TorchSharp.torch;

namespace Vae.Dsl.Data;

/// <summary>
/// Examples for a model: <see cref="Examples"/> of [N, FeatureCount] with values as the model file declares them, and
/// for a conditional model each example's class, <see cref="Labels"/> of [N] (int64); null for an unconditional model.
/// </summary>
public sealed record VaeData(Tensor Examples, Tensor? Labels = null)
{
    public long Count => Examples.shape[0];

    /// <summary>The examples and labels on <paramref name="device"/>: new tensors, sharing memory with these where they are there already.</summary>
    public VaeData To(Device device) => new(Examples.to(device), Labels?.to(device));

    /// <summary>The examples start to start + length (and their labels), sharing memory with these.</summary>
    public VaeData Narrow(long start, long length) => new(Examples.narrow(0, start, length), Labels?.narrow(0, start, length));
}
