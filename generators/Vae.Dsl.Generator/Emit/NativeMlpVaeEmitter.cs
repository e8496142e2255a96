using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// The native calls over a whole MLP VAE (the runtime's <c>MlpVaeKernels</c>, docs/kernels.md) for the models they
/// compute: an unconditional MLP VAE with ReLU layers, a Gaussian posterior (diagonal, or full through its Cholesky
/// factor) with σ = softplus(s) + min_scale, a Bernoulli likelihood and the standard normal prior. Writes the model's
/// member that holds them, the first lines of its <c>Iwae</c>, which try the native IWAE, and, where the model trains
/// on its own ELBO (one draw, the closed-form KL, the standard gradient, no free bits; β and its warm-up are the
/// trainer's), the trainer's <c>LossAndGradients</c> that calls the native loss and gradients. Wherever a native call
/// does not take a batch, the module's TorchSharp operations (and autograd) compute the same.
/// </summary>
internal static class NativeMlpVaeEmitter
{
    /// <summary>Whether the model is one the native calls compute.</summary>
    public static bool Applies(ModelSpec model) =>
        !model.IsConditional
        && model.Encoder is MlpNetworkSpec { Activation: Activation.Relu }
        && model.Decoder is MlpNetworkSpec { Activation: Activation.Relu }
        && model.Posterior is DiagonalGaussianPosteriorSpec { Scale: ScaleTransform.Softplus }
            or FullGaussianPosteriorSpec { Scale: ScaleTransform.Softplus }
        && model.Likelihood is BernoulliLikelihoodSpec
        && model.Prior is StandardNormalPriorSpec;

    /// <summary>Whether the model's training loss and gradients are the native call's too: it trains on the module's own ELBO.</summary>
    public static bool TrainsNatively(ModelSpec model, ModelParts parts) =>
        Applies(model) && ObjectiveEmitter.IsModuleElbo(model.Objective, parts);

    /// <summary>The model's member, beside its modules.</summary>
    public static void WriteMember(SourceWriter w) => w.Line("""

        /// <summary>The native calls over the whole network (training's loss and gradient, the IWAE): the same modules, read at each call.</summary>
        internal MlpVaeKernels Native { get; }
        """);

    /// <summary>The member's construction, after the modules' (a full covariance's with its below-diagonal head).</summary>
    public static void WriteConstruction(SourceWriter w, ModelSpec model) =>
        w.Line(model.Posterior is FullGaussianPosteriorSpec
            ? "Native = new MlpVaeKernels(encoder, meanHead, scaleHead, decoder, MinScale, belowDiagonalHead);"
            : "Native = new MlpVaeKernels(encoder, meanHead, scaleHead, decoder, MinScale);");

    /// <summary>The first lines of the model's Iwae, after its argument check: the native IWAE where it takes the batch.</summary>
    public static string IwaeLines => """
        // the whole IWAE in one native call where it takes the batch (the same draws from the same generator, the
        // same result within float32 rounding); else the operations below
        if (Native.TryIwae(x, k, generator) is { } native)
        {
            return native;
        }


        """;

    /// <summary>The trainer's loss and gradients.</summary>
    public static void WriteLossAndGradients(SourceWriter w) => w.Line("""

        /// <summary>
        /// The loss of a batch, the module's ELBO weighed by β (loss = mean over the batch of [ β · KL - log p(x|z) ]), and
        /// its gradient, forward and backward in one native call over the whole network where the native kernels take
        /// the batch, else the module's Elbo in TorchSharp's operations and autograd (the same ε, the same result within
        /// float32 rounding).
        /// </summary>
        public override (Tensor Loss, ElboTerms Terms) LossAndGradients(Tensor x, Tensor? y, double beta) =>
            Model.Native.TryLossAndGradients(x, beta) ?? base.LossAndGradients(x, y, beta);
        """);
}
