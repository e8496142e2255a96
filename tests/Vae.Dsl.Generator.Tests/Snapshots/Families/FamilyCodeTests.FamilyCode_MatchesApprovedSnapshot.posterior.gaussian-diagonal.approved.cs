// models/fashion-mnist-conditional.vae.yaml
// The floor of σ = softplus(s) + MinScale.
private const double MinScale = 0.0001;

private readonly Linear meanHead;
private readonly Linear scaleHead;

// in the constructor:
meanHead = nn.Linear(400, LatentSize);
scaleHead = nn.Linear(400, LatentSize);

/// <summary>q(z|x) from the encoder's features h (in the caller's dispose scope), h of [batch, 400].</summary>
private DiagonalPosterior PosteriorFrom(Tensor h)
{
    var mean = meanHead.call(h);
    // σ = softplus(s) + min_scale
    var scale = softplus(scaleHead.call(h)) + MinScale;
    return new DiagonalPosterior(mean, scale);
}

/// <summary>A draw from q(z|x) that gradients flow through, for ε ~ N(0, I) of [batch, LatentSize] or [k, batch, LatentSize].</summary>
public Tensor Reparameterize(DiagonalPosterior q, Tensor eps)
{
    using var scope = NewDisposeScope();
    // z = μ + σ ⊙ ε
    var z = q.Mean + q.Scale * eps;
    return z.MoveToOuterDisposeScope();
}

/// <summary>log q(z|x) per example, for any z of [..., batch, LatentSize].</summary>
public Tensor LogPosterior(DiagonalPosterior q, Tensor z)
{
    using var scope = NewDisposeScope();
    // ε = (z - μ) / σ, the draw that gives z
    var eps = (z - q.Mean) / q.Scale;
    return LogPosteriorOfDraw(q, eps).MoveToOuterDisposeScope();
}

/// <summary>log q(z|x) per example at z = Reparameterize(q, ε), from ε of [..., batch, LatentSize] itself.</summary>
public Tensor LogPosteriorOfDraw(DiagonalPosterior q, Tensor eps)
{
    using var scope = NewDisposeScope();
    // log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π - log σ_i ]
    var logQ = (-0.5 * eps.square() - HalfLogTwoPi - q.Scale.log()).sum(-1);
    return logQ.MoveToOuterDisposeScope();
}

// models/fashion-mnist-laplace.vae.yaml
/// <summary>q(z|x) from the encoder's features h (in the caller's dispose scope), h of [batch, 400].</summary>
private DiagonalPosterior PosteriorFrom(Tensor h)
{
    var mean = meanHead.call(h);
    // σ = exp(s)
    var scale = scaleHead.call(h).exp();
    return new DiagonalPosterior(mean, scale);
}
