namespace Vae.Dsl.Generator.Specs;

// One record per family of the language, each carrying its own options. The words that name them, and the
// emitters that write their code, are registered in Families/ (one line per family).

/// <summary>An encoder or decoder network.</summary>
internal abstract record NetworkSpec(EquatableArray<int> Hidden, Activation Activation);

/// <summary>Dense layers of the given widths, each followed by the activation.</summary>
internal sealed record MlpNetworkSpec(EquatableArray<int> Hidden, Activation Activation) : NetworkSpec(Hidden, Activation);

/// <summary>
/// Strided convolutions with <see cref="Channels"/> output channels each (the encoder), or the transposed
/// convolutions that mirror them (the decoder), with dense <see cref="NetworkSpec.Hidden"/> layers between the
/// convolutions and the latent.
/// </summary>
internal sealed record ConvNetworkSpec(
    EquatableArray<int> Hidden,
    Activation Activation,
    EquatableArray<int> Channels,
    int Kernel,
    int Stride,
    int Padding) : NetworkSpec(Hidden, Activation);

/// <summary>q(z|x). σ = softplus(s) + <see cref="MinScale"/> or σ = exp(s).</summary>
internal abstract record PosteriorSpec(ScaleTransform Scale, double MinScale);

/// <summary>q(z|x) = N(μ, diag σ²).</summary>
internal sealed record DiagonalGaussianPosteriorSpec(ScaleTransform Scale, double MinScale) : PosteriorSpec(Scale, MinScale);

/// <summary>q(z|x) = N(μ, LLᵀ), L lower-triangular with diagonal σ.</summary>
internal sealed record FullGaussianPosteriorSpec(ScaleTransform Scale, double MinScale) : PosteriorSpec(Scale, MinScale);

/// <summary>p(x|z).</summary>
internal abstract record LikelihoodSpec;

internal sealed record BernoulliLikelihoodSpec : LikelihoodSpec;

internal sealed record ContinuousBernoulliLikelihoodSpec : LikelihoodSpec;

/// <summary>How a Gaussian or Laplace likelihood gets its scale s.</summary>
/// <param name="Value">The fixed scale, or the floor min_scale of s = softplus(raw) + min_scale.</param>
internal sealed record LikelihoodScale(LikelihoodScaleKind Kind, double Value);

internal sealed record GaussianLikelihoodSpec(LikelihoodScale Scale) : LikelihoodSpec;

internal sealed record LaplaceLikelihoodSpec(LikelihoodScale Scale) : LikelihoodSpec;

/// <summary>K classes per feature: x in [0, 1] is the class round(x · (K - 1)).</summary>
internal sealed record CategoricalLikelihoodSpec(int Classes) : LikelihoodSpec;

/// <summary>p(z).</summary>
internal abstract record PriorSpec;

internal sealed record StandardNormalPriorSpec : PriorSpec;

/// <summary>N(m, diag τ²) with learned m and log τ.</summary>
internal sealed record LearnedGaussianPriorSpec : PriorSpec;

/// <summary>Σ_k π_k N(m_k, diag τ_k²), all learned.</summary>
internal sealed record MixturePriorSpec(int Components) : PriorSpec;

/// <summary>(1/K) Σ_k q(z|u_k), with learned pseudo-inputs u_k.</summary>
internal sealed record VampPriorSpec(int PseudoInputs) : PriorSpec;
