// models/fashion-mnist-conv.vae.yaml
private readonly nn.Module<Tensor, Tensor> encoderConvolutions;
private readonly nn.Module<Tensor, Tensor> encoder;

// in the constructor:
encoderConvolutions = nn.Sequential(nn.Conv2d(1, 32, 4, stride: 2, padding: 1), nn.ReLU(inplace: true), nn.Conv2d(32, 64, 4, stride: 2, padding: 1), nn.ReLU(inplace: true));
encoder = nn.Sequential(nn.Linear(3136, 256), nn.ReLU(inplace: true));

/// <summary>q(z|x): the posterior's parameters for a batch x of [batch, FeatureCount].</summary>
public override DiagonalPosterior Encode(Tensor x)
{
    using var scope = NewDisposeScope();
    // x as images [batch, 1, 28, 28], through the convolutions, flattened
    var features = encoderConvolutions.call(x.view(-1, 1, 28, 28)).flatten(1);
    var h = encoder.call(features);
    return PosteriorFrom(h).MoveToOuterDisposeScope();
}
