// models/fashion-mnist-conv.vae.yaml
private readonly nn.Module<Tensor, Tensor> decoder;
private readonly nn.Module<Tensor, Tensor> decoderConvolutions;

// in the constructor:
decoder = nn.Sequential(nn.Linear(20, 256), nn.ReLU(inplace: true), nn.Linear(256, 3136), nn.ReLU(inplace: true));
decoderConvolutions = nn.Sequential(nn.ConvTranspose2d(64, 32, 4, stride: 2, padding: 1, output_padding: 0), nn.ReLU(inplace: true), nn.ConvTranspose2d(32, 1, 4, stride: 2, padding: 1, output_padding: 0));

/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the Bernoulli logits η, [..., FeatureCount].</summary>
public override Tensor Decode(Tensor z)
{
    using var scope = NewDisposeScope();
    var input = z;
    // Leading dimensions flattened into one batch of feature maps [n, 64, 7, 7], and restored at the end.
    var map = decoder.call(input.reshape(-1, input.shape[^1])).view(-1, 64, 7, 7);
    var images = decoderConvolutions.call(map);
    var decoded = images.reshape([.. z.shape[..^1], 1 * FeatureCount]);
    return decoded.MoveToOuterDisposeScope();
}

// runtime/categorical-conv.vae.yaml
/// <summary>The parameters of p(x|z) for z of [..., LatentSize]: the logits η, class-major: [..., Classes · FeatureCount], viewed as [..., Classes, FeatureCount].</summary>
public override Tensor Decode(Tensor z)
{
    using var scope = NewDisposeScope();
    var input = z;
    // Leading dimensions flattened into one batch of feature maps [n, 8, 1, 1], and restored at the end.
    var map = decoder.call(input.reshape(-1, input.shape[^1])).view(-1, 8, 1, 1);
    var images = decoderConvolutions.call(map);
    var decoded = images.reshape([.. z.shape[..^1], 5 * FeatureCount]);
    return decoded.MoveToOuterDisposeScope();
}
