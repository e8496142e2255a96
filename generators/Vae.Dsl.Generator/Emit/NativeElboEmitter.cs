using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// The training ELBO over the whole network in native passes (the runtime's <c>MlpVaeElbo</c>, docs/kernels.md) for
/// the models it computes: an unconditional MLP VAE with ReLU layers, a Gaussian posterior (diagonal, or full through
/// its Cholesky factor) with σ = softplus(s) + min_scale, a Bernoulli likelihood and the standard normal prior,
/// trained on the module's own ELBO (one draw, the closed-form KL, the standard gradient, no free bits; β and its
/// warm-up are the trainer's). Writes the model's member that holds it and the trainer's <c>LossAndGradients</c> that
/// calls it, falling back to the module's ELBO in TorchSharp's operations and autograd wherever the native passes do
/// not take a batch.
/// </summary>
internal static class NativeElboEmitter
{
    /// <summary>Whether the model and its objective are ones the native ELBO computes.</summary>
    public static bool Applies(ModelSpec model, ModelParts parts) =>
        ObjectiveEmitter.IsModuleElbo(model.Objective, parts)
        && !model.IsConditional
        && model.Encoder is MlpNetworkSpec { Activation: Activation.Relu }
        && model.Decoder is MlpNetworkSpec { Activation: Activation.Relu }
        && model.Posterior is DiagonalGaussianPosteriorSpec { Scale: ScaleTransform.Softplus }
            or FullGaussianPosteriorSpec { Scale: ScaleTransform.Softplus }
        && model.Likelihood is BernoulliLikelihoodSpec
        && model.Prior is StandardNormalPriorSpec;

    /// <summary>The model's member, beside its modules.</summary>
    public static void WriteMember(SourceWriter w) => w.Line("""

        /// <summary>The training loss and its gradient over the whole network in one native call: the same modules, read at each call.</summary>
        internal MlpVaeElbo NativeElbo { get; }
        """);

    /// <summary>The member's construction, after the modules' (a full covariance's with its below-diagonal head).</summary>
    public static void WriteConstruction(SourceWriter w, ModelSpec model) =>
        w.Line(model.Posterior is FullGaussianPosteriorSpec
            ? "NativeElbo = new MlpVaeElbo(encoder, meanHead, scaleHead, decoder, MinScale, belowDiagonalHead);"
            : "NativeElbo = new MlpVaeElbo(encoder, meanHead, scaleHead, decoder, MinScale);");

    /// <summary>The trainer's loss and gradients.</summary>
    public static void WriteLossAndGradients(SourceWriter w) => w.Line("""

        /// <summary>
        /// The loss of a batch, the module's ELBO weighed by β (loss = mean over the batch of [ β · KL - log p(x|z) ]), and
        /// its gradient, forward and backward in one native call over the whole network where the native kernels take
        /// the batch, else the module's Elbo in TorchSharp's operations and autograd (the same ε, the same result within
        /// float32 rounding).
        /// </summary>
        public override (Tensor Loss, ElboTerms Terms) LossAndGradients(Tensor x, Tensor? y, double beta) =>
            Model.NativeElbo.TryLossAndGradients(x, beta) ?? base.LossAndGradients(x, y, beta);
        """);
}
