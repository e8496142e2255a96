// models/fashion-mnist-conditional.vae.yaml
// in the constructor:

/// <summary>log p(x|z) per example, for x in {0, 1} of [batch, FeatureCount] and logits η of [..., batch, FeatureCount].</summary>
public Tensor LogLikelihood(Tensor x, Tensor decoded)
{
    using var scope = NewDisposeScope();
    // x and η broadcast against each other (x over the leading sample dimensions of η)
    var logitsAndData = broadcast_tensors(decoded, x);
    // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ] = -Σ_j BCE(η_j, x_j), BCE(η, x) = softplus(η) - x η the binary
    // cross-entropy with logits (one fused pass, stable for any η)
    var logP = -binary_cross_entropy_with_logits(logitsAndData[0], logitsAndData[1], reduction: nn.Reduction.None).sum(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>E[x|z] = sigmoid(η) for the decoder's output.</summary>
public override Tensor ExpectedData(Tensor decoded) => torch.sigmoid(decoded);

/// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
public override Tensor SampleData(Tensor decoded)
{
    using var probabilities = torch.sigmoid(decoded);
    // x ~ Bernoulli(sigmoid(η))
    return bernoulli(probabilities);
}
