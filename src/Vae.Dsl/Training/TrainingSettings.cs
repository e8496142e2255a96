namespace Vae.Dsl.Training;

/// <summary>What a model file says about training and evaluation, for display and for the command line.</summary>
/// <param name="Optimizer">The optimizer: adam, adamw or sgd.</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="WeightDecay">The optimizer's weight decay (decoupled for adamw).</param>
/// <param name="Momentum">SGD's momentum.</param>
/// <param name="BatchSize">Examples per gradient step.</param>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="Seed">The seed of parameter initialization, shuffling and sampling.</param>
/// <param name="GradientClip">The largest global L2 norm of the gradient; 0 is off.</param>
/// <param name="Binarize">How grey data becomes binary: dynamic, static or none.</param>
/// <param name="Objective">The training objective in words.</param>
/// <param name="Beta">The weight β of the KL term once any warm-up is over.</param>
/// <param name="ImportanceSamples">K, the importance samples of the log p(x) estimate.</param>
/// <param name="OnNonFinite">What a non-finite loss or gradient does: stop, skip or rollback.</param>
/// <param name="Device">Where the model trains: cpu, cuda or cuda:N (<see cref="TrainingDevice"/>).</param>
public sealed record TrainingSettings(
    OptimizerChoice Optimizer,
    double LearningRate,
    double WeightDecay,
    double Momentum,
    int BatchSize,
    int Epochs,
    long Seed,
    double GradientClip,
    Binarization Binarize,
    string Objective,
    double Beta,
    int ImportanceSamples,
    NonFiniteAction OnNonFinite = NonFiniteAction.Stop,
    string Device = "cpu");
