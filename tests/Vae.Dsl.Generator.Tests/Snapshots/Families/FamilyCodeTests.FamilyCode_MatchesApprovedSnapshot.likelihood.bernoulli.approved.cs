// models/fashion-mnist-conditional.vae.yaml
// in the constructor:

/// <summary>log p(x|z) per example, for x in {0, 1} of [batch, FeatureCount] and logits η of [..., batch, FeatureCount].</summary>
public Tensor LogLikelihood(Tensor x, Tensor decoded) =>
    // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ] = -Σ_j BCE(η_j, x_j), x broadcast over the leading sample
    // dimensions of η (the runtime's fused pass forward and backward, stable for any η)
    BernoulliLogLikelihood.Of(decoded, x);

/// <summary>E[x|z] = sigmoid(η) for the decoder's output.</summary>
public override Tensor ExpectedData(Tensor decoded) => torch.sigmoid(decoded);

/// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
public override Tensor SampleData(Tensor decoded)
{
    using var probabilities = torch.sigmoid(decoded);
    // x ~ Bernoulli(sigmoid(η))
    return bernoulli(probabilities);
}
