using System;
using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// The parameters of q(z|x) for a batch, as a generated model's <c>Encode</c> returns them. The caller owns the
/// tensors: disposing the posterior disposes them.
/// </summary>
public interface IPosterior : IDisposable
{
    /// <summary>E_q[z], the posterior mean: [batch, LatentSize].</summary>
    Tensor Mean { get; }
}
