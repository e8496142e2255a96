namespace Vae.Dsl.Generator.Model;

/// <summary>
/// A validated model, as the emitter needs it. Holds only strings, numbers, enums and equatable arrays,
/// never a Roslyn symbol or a YAML node, so the incremental pipeline can cache it by value.
/// </summary>
internal sealed record ModelSpec(
    string Name,
    string Namespace,
    string? Description,
    string SourceFileName,
    LocationInfo NameLocation,
    EquatableArray<long> DataShape,
    int LatentSize,
    NetworkSpec Encoder,
    PosteriorSpec Posterior,
    NetworkSpec Decoder,
    LikelihoodSpec Likelihood,
    PriorSpec Prior,
    ObjectiveSpec Objective,
    TrainingSpec Training,
    EvaluationSpec Evaluation)
{
    /// <summary>Features per example: the product of the event shape.</summary>
    public long FeatureCount
    {
        get
        {
            long count = 1;
            foreach (var size in DataShape)
            {
                count *= size;
            }

            return count;
        }
    }

    public string TrainerName => Name + "Trainer";
}

/// <summary>An encoder or decoder network: hidden layer widths and their activation.</summary>
internal sealed record NetworkSpec(NetworkKind Kind, EquatableArray<int> Hidden, Activation Activation);

/// <summary>q(z|x). <see cref="MinScale"/> applies to the softplus transform only.</summary>
internal sealed record PosteriorSpec(PosteriorFamily Family, ScaleTransform Scale, double MinScale);

/// <summary>p(x|z).</summary>
internal sealed record LikelihoodSpec(LikelihoodFamily Family);

/// <summary>p(z).</summary>
internal sealed record PriorSpec(PriorFamily Family);

/// <summary>The training objective. <see cref="Warmup"/> is null when β is constant.</summary>
internal sealed record ObjectiveSpec(Estimator Estimator, KlEstimator Kl, double Beta, WarmupSpec? Warmup);

/// <summary>KL warm-up: β_t = β · min(1, t / Length), t counted in <see cref="Unit"/>.</summary>
internal sealed record WarmupSpec(WarmupUnit Unit, int Length);

internal sealed record TrainingSpec(
    OptimizerKind Optimizer,
    double LearningRate,
    int BatchSize,
    int Epochs,
    long Seed,
    Binarization Binarize);

internal sealed record EvaluationSpec(int ImportanceSamples);
