// models/fashion-mnist-conditional.vae.yaml
// in the constructor:

/// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
public Tensor LogPrior(Tensor z)
{
    using var scope = NewDisposeScope();
    // log p(z) = Σ_i [ -½ z_i² - ½ log 2π ]
    var logP = (-0.5 * z.square() - HalfLogTwoPi).sum(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
public override Tensor SamplePrior(int n) => randn(n, LatentSize, device: ParameterDevice);
