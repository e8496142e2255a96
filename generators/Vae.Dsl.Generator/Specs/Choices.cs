namespace Vae.Dsl.Generator.Specs;

// The closed sets of words a setting chooses from, other than the families (Families.cs). Their YAML
// spellings live in Parsing/Vocabulary.cs.

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

/// <summary>What one feature's values are.</summary>
internal enum DataValues
{
    /// <summary>0 or 1.</summary>
    Binary,

    /// <summary>Anywhere in [0, 1], e.g. grey levels.</summary>
    UnitInterval,

    /// <summary>Any real number.</summary>
    Real,
}

internal enum ScaleTransform
{
    Softplus,
    Exp,
}

internal enum LikelihoodScaleKind
{
    Fixed,
    Learned,
    Predicted,
}

internal enum Estimator
{
    Elbo,
    Iwae,
}

internal enum GradientEstimator
{
    Standard,
    StickingTheLanding,
    DoublyReparameterized,
}

internal enum KlEstimator
{
    Analytic,
    MonteCarlo,
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

/// <summary>What a training step does with a non-finite loss or gradient.</summary>
internal enum NonFiniteAction
{
    Stop,
    Skip,
    Rollback,
}
