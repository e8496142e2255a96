// models/fashion-mnist-conditional.vae.yaml
private readonly Sequential decoder;

// The decoder's hidden layers and its last Linear, which gives η: the same modules as decoder's, so their
// parameters are decoder's (a tuple is no component: nothing is registered twice).
private readonly (Sequential Hidden, Linear Output) decoderLayers;

// in the constructor:
decoder = nn.Sequential(nn.Linear(30, 400), nn.ReLU(inplace: true), nn.Linear(400, 784));
decoderLayers = (decoder[..^1], (Linear)decoder[^1]);

/// <summary>The parameters of p(x|z,y) for z of [..., LatentSize] and classes y of [batch]: the Bernoulli logits η, [..., FeatureCount].</summary>
public override Tensor Decode(Tensor z, Tensor y)
{
    using var scope = NewDisposeScope();
    var decoded = decoder.call(cat([z, OneHot(y, z)], -1));
    return decoded.MoveToOuterDisposeScope();
}

// models/fashion-mnist-full.vae.yaml
/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the Bernoulli logits η, [..., FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// models/fashion-mnist-gaussian.vae.yaml
private readonly nn.Module<Tensor, Tensor> decoder;

// in the constructor:
decoder = nn.Sequential(nn.Linear(20, 400), nn.ReLU(inplace: true), nn.Linear(400, 1568));

/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: [mean m | raw scale], each FeatureCount wide: [..., 2 · FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// models/fashion-mnist-grey.vae.yaml
/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the continuous-Bernoulli logits η, [..., FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// models/fashion-mnist-laplace.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(20, 400), nn.Tanh(), nn.Linear(400, 784));

/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the location m, [..., FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// models/fashion-mnist-levels.vae.yaml
/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the logits η, class-major: [..., Classes · FeatureCount], viewed as [..., Classes, FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// good/every-option.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(3, 6), nn.LeakyReLU(), nn.Linear(6, 10), nn.LeakyReLU(), nn.Linear(10, 12));
decoderLayers = (decoder[..^1], (Linear)decoder[^1]);

// good/no-hidden-layers.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(4, 12));

// runtime/conditional.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(6, 32), nn.Tanh(), nn.Linear(32, 16));
decoderLayers = (decoder[..^1], (Linear)decoder[^1]);

// runtime/continuous-bernoulli.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(2, 32), nn.ELU(), nn.Linear(32, 16));

// runtime/gaussian-huge-scale.vae.yaml
/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the mean m, [..., FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// runtime/gaussian-mixture.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(2, 32), nn.SiLU(), nn.Linear(32, 16));

// runtime/laplace-predicted.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(2, 32), nn.LeakyReLU(), nn.Linear(32, 32));

/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: [location m | raw scale], each FeatureCount wide: [..., 2 · FeatureCount].</summary>
public override Tensor Decode(Tensor z) => decoder.call(z);

// runtime/laplace-vamp.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(2, 32), nn.Softplus(), nn.Linear(32, 16));

// runtime/predicted-scale.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(3, 32), nn.GELU(), nn.Linear(32, 32));

// runtime/tiny-relu.vae.yaml
// in the constructor:
decoder = nn.Sequential(nn.Linear(2, 24), nn.ReLU(inplace: true), nn.Linear(24, 32), nn.ReLU(inplace: true), nn.Linear(32, 16));
decoderLayers = (decoder[..^1], (Linear)decoder[^1]);
