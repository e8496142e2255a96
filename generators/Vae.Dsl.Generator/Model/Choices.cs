namespace Vae.Dsl.Generator.Model;

// The closed sets of words a model file chooses from. Their YAML spellings live in Parsing/Vocabulary.cs.

internal enum NetworkKind
{
    Mlp,
}

internal enum Activation
{
    Relu,
    Tanh,
    Sigmoid,
    Elu,
    LeakyRelu,
    Gelu,
    Silu,
    Softplus,
}

internal enum PosteriorFamily
{
    GaussianDiagonal,
}

internal enum ScaleTransform
{
    Softplus,
    Exp,
}

internal enum LikelihoodFamily
{
    Bernoulli,
}

internal enum PriorFamily
{
    StandardNormal,
}

internal enum Estimator
{
    Elbo,
}

internal enum KlEstimator
{
    Analytic,
}

internal enum WarmupUnit
{
    Epochs,
    Steps,
}

internal enum OptimizerKind
{
    Adam,
    AdamW,
    Sgd,
}

internal enum Binarization
{
    None,
    Dynamic,
    Static,
}
