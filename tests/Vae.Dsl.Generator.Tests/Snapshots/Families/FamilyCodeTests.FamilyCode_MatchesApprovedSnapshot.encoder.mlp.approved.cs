// models/fashion-mnist-conditional.vae.yaml
private readonly nn.Module<Tensor, Tensor> encoder;

// in the constructor:
encoder = nn.Sequential(nn.Linear(794, 400), nn.ReLU(inplace: true));

/// <summary>q(z|x,y): the posterior's parameters for a batch x of [batch, FeatureCount] with classes y of [batch].</summary>
public override DiagonalPosterior Encode(Tensor x, Tensor y)
{
    using var scope = NewDisposeScope();
    var h = encoder.call(cat([x, OneHot(y, x)], -1));
    return PosteriorFrom(h).MoveToOuterDisposeScope();
}

// models/fashion-mnist-full.vae.yaml
/// <summary>q(z|x): the posterior's parameters for a batch x of [batch, FeatureCount].</summary>
public override CholeskyPosterior Encode(Tensor x)
{
    using var scope = NewDisposeScope();
    var h = encoder.call(x);
    return PosteriorFrom(h).MoveToOuterDisposeScope();
}

// models/fashion-mnist-gaussian.vae.yaml
/// <summary>q(z|x): the posterior's parameters for a batch x of [batch, FeatureCount].</summary>
public override DiagonalPosterior Encode(Tensor x)
{
    using var scope = NewDisposeScope();
    var h = encoder.call(x);
    return PosteriorFrom(h).MoveToOuterDisposeScope();
}

// models/fashion-mnist-laplace.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(784, 400), nn.Tanh());

// good/every-option.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(12, 10), nn.Tanh(), nn.Linear(10, 6), nn.Tanh());

// good/no-hidden-layers.vae.yaml
// in the constructor:
encoder = nn.Identity();

// runtime/continuous-bernoulli.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(16, 32), nn.ELU());

// runtime/gaussian-mixture.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(16, 32), nn.SiLU());

// runtime/laplace-predicted.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(16, 32), nn.Sigmoid());

// runtime/laplace-vamp.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(16, 32), nn.Softplus());

// runtime/predicted-scale.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(16, 32), nn.GELU());

// runtime/tiny-relu.vae.yaml
// in the constructor:
encoder = nn.Sequential(nn.Linear(16, 32), nn.ReLU(inplace: true), nn.Linear(32, 24), nn.ReLU(inplace: true));
