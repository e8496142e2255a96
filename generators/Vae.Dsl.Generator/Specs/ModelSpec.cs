namespace Vae.Dsl.Generator.Specs;

/// <summary>
/// A validated model, as the emitter needs it. <see cref="Fingerprint"/> identifies the model file's text and the
/// generator that read it, so a checkpoint can tell which model wrote it; <see cref="SourceText"/> is the file itself,
/// which a run keeps beside its results. Holds only strings, numbers, enums, equatable arrays and the
/// family records of Families.cs, never a Roslyn symbol or a YAML node, so the incremental pipeline can cache
/// it by value.
/// </summary>
internal sealed record ModelSpec(
    string Name,
    string Namespace,
    string? Description,
    string SourceFileName,
    LocationInfo NameLocation,
    LocationInfo NamespaceLocation,
    DataSpec Data,
    int LatentSize,
    NetworkSpec Encoder,
    PosteriorSpec Posterior,
    NetworkSpec Decoder,
    LikelihoodSpec Likelihood,
    PriorSpec Prior,
    ObjectiveSpec Objective,
    TrainingSpec Training,
    EvaluationSpec Evaluation,
    string Fingerprint,
    string SourceText)
{
    /// <summary>Features per example: the product of the event shape.</summary>
    public long FeatureCount => Data.FeatureCount;

    /// <summary>Whether the model is conditioned on a class y: q(z|x,y), p(x|z,y).</summary>
    public bool IsConditional => Data.ConditionClasses is not null;

    public string TrainerName => Name + "Trainer";

    /// <summary>The model type's full name: Namespace.Name.</summary>
    public string FullName => Namespace + "." + Name;
}

/// <summary>
/// One example's event shape, what its values are, and the number of classes a conditional model is given
/// (null for an unconditional model).
/// </summary>
internal sealed record DataSpec(EquatableArray<long> Shape, DataValues Values, int? ConditionClasses)
{
    public long FeatureCount
    {
        get
        {
            long count = 1;
            foreach (var size in Shape)
            {
                count *= size;
            }

            return count;
        }
    }
}

/// <summary>The training objective: the estimator, its samples and gradient estimator, and the ELBO's KL options.</summary>
/// <param name="Samples">ELBO: Monte Carlo draws averaged; IWAE: k, the importance samples.</param>
/// <param name="Kl">How the ELBO's KL term is computed (ignored by IWAE).</param>
/// <param name="Warmup">KL warm-up, or null when β is constant.</param>
/// <param name="FreeBits">λ, nats per latent dimension; 0 is off.</param>
internal sealed record ObjectiveSpec(
    Estimator Estimator,
    int Samples,
    GradientEstimator Gradient,
    KlEstimator Kl,
    double Beta,
    WarmupSpec? Warmup,
    double FreeBits);

/// <summary>KL warm-up: β_t = β · min(1, t / Length), t counted in <see cref="Unit"/>.</summary>
internal sealed record WarmupSpec(WarmupUnit Unit, int Length);

/// <param name="WeightDecay">adam: L2 added to the gradient; adamw: decoupled; sgd: L2.</param>
/// <param name="Momentum">sgd only.</param>
/// <param name="GradientClip">The largest global L2 norm of the gradient; 0 is off.</param>
/// <param name="Device">Where the model trains: cpu, cuda or cuda:N.</param>
internal sealed record TrainingSpec(
    OptimizerKind Optimizer,
    double LearningRate,
    double WeightDecay,
    double Momentum,
    int BatchSize,
    int Epochs,
    long Seed,
    double GradientClip,
    Binarization Binarize,
    NonFiniteAction OnNonFinite,
    string Device);

internal sealed record EvaluationSpec(int ImportanceSamples);
