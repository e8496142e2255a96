using System;
using System.Collections.Generic;
using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Dsl.Data;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Models;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Training;

/// <summary>
/// What every generated trainer shares: the loop over epochs and batches, the non-finite policy
/// (<c>training.on-non-finite</c>), gradient clipping, the steps a checkpoint saves, and the evaluation protocol. A
/// generated trainer adds only what its model file says: its settings, its optimizer, how the examples and a batch
/// are prepared (binarization), the warm-up of β, and its objective where it is not the model's one-draw ELBO.
/// </summary>
/// <typeparam name="TModel">The generated module this trains.</typeparam>
public abstract class VaeTrainer<TModel> : IVaeTrainer
    where TModel : nn.Module, IVaeModel
{
    private readonly VaeModelInfo info;

    /// <param name="model">The model to train; it moves to the settings' device.</param>
    /// <param name="settings">The settings to train with: the model file's, or overrides of them.</param>
    /// <param name="info">What the model file declares.</param>
    /// <param name="createOptimizer">The model file's optimizer over the parameters, once they are on the device.</param>
    protected VaeTrainer(
        TModel model, TrainingSettings settings, VaeModelInfo info, Func<IEnumerable<Parameter>, TrainingSettings, OptimizerHelper> createOptimizer)
    {
        Model = model;
        ActiveSettings = settings;
        this.info = info;
        // The model, the optimizer's state and every batch live on the settings' device (training.device).
        Device = TrainingDevice.Resolve(settings.Device);
        model.to(Device);
        Optimizer = createOptimizer(model.parameters(), settings);
    }

    /// <summary>A new model made right after seeding libtorch's generator with the settings' seed: its initial parameters follow from the seed.</summary>
    protected static TModel Seeded(TrainingSettings settings, Func<TModel> create)
    {
        manual_seed(settings.Seed);
        return create();
    }

    /// <summary>The model being trained.</summary>
    public TModel Model { get; }

    /// <summary>The settings this trainer uses: the model file's, or the ones it was created with.</summary>
    public TrainingSettings ActiveSettings { get; }

    /// <summary>The optimizer, whose state a checkpoint saves.</summary>
    public OptimizerHelper Optimizer { get; }

    /// <summary>Optimizer steps taken since the model was created (a checkpoint saves it).</summary>
    public long StepsTaken { get; set; }

    /// <summary>Where the model, the optimizer's state and every batch live.</summary>
    protected Device Device { get; }

    VaeModelInfo IVaeTrainer.Info => info;

    TrainingSettings IVaeTrainer.Settings => ActiveSettings;

    nn.Module IVaeTrainer.Module => Model;

    IVaeModel IVaeTrainer.Model => Model;

    /// <summary>
    /// The training objective for a batch x (and its classes y, for a conditional model) with the KL weight β: the
    /// model's ELBO with one draw, unless the model file asks for another objective. Returns the loss to minimise and
    /// the per-example ELBO terms to report.
    /// </summary>
    public virtual (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
    {
        var terms = ((IVaeModel)Model).Elbo(x, y);
        // loss = mean over the batch of [ β · KL - log p(x|z) ], the negated ELBO
        var loss = (beta * terms.Kl - terms.Reconstruction).mean();
        return (loss, terms);
    }

    /// <summary>
    /// The loss of a batch, its per-example ELBO terms, and every parameter's gradient of the loss in its <c>grad</c>:
    /// <see cref="Objective"/> and autograd's backward pass, unless the model's trainer computes them another way (the
    /// generated trainers of ReLU MLP VAEs with a Bernoulli likelihood: one native call, docs/kernels.md).
    /// </summary>
    public virtual (Tensor Loss, ElboTerms Terms) LossAndGradients(Tensor x, Tensor? y, double beta)
    {
        var (loss, terms) = Objective(x, y, beta);
        loss.backward();
        return (loss, terms);
    }

    /// <summary>One pass over the training data in a fresh random order, one optimizer step per batch.</summary>
    public EpochMetrics TrainEpoch(VaeData data, int epoch, IProgress<BatchProgress>? progress = null)
    {
        Model.train();
        var stopwatch = Stopwatch.StartNew();
        var count = data.Count;
        var batchSize = ActiveSettings.BatchSize;
        var batchCount = (int)((count + batchSize - 1) / batchSize);
        var totals = new EpochTotals();
        using var order = randperm(count, device: Device);
        using var examples = TrainingExamples(data);
        using var labels = info.ConditionClasses is null ? null : data.Labels!.to(Device);
        for (var batch = 0; batch < batchCount; batch++)
        {
            using var scope = NewDisposeScope();
            var start = (long)batch * batchSize;
            var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
            var x = Batch(examples, indices);
            var y = labels?.index_select(0, indices);
            ClearGradients();
            var (loss, terms) = LossAndGradients(x, y, Beta(epoch));
            // A non-finite loss or gradient stops training (naming the term, epoch and step) or skips the step, as
            // training.on-non-finite says, before any parameter changes; rollback stops the epoch, which Train redoes.
            if (!NumericalGuard.LossIsFinite(loss, terms, epoch, batch + 1, ActiveSettings.OnNonFinite))
            {
                totals.Skip();
                continue;
            }

            if (!NumericalGuard.GradientIsFinite(Model.parameters(), epoch, batch + 1, ActiveSettings.OnNonFinite))
            {
                totals.Skip();
                continue;
            }

            if (ActiveSettings.GradientClip > 0)
            {
                // Gradient clipping: rescale the gradient to a global L2 norm of at most training.gradient-clip.
                nn.utils.clip_grad_norm_(Model.parameters(), ActiveSettings.GradientClip);
            }

            Optimizer.step();
            StepsTaken++;
            totals.Add(terms);
            progress?.Report(new BatchProgress(epoch, batch + 1, batchCount));
        }

        return totals.ToMetrics(epoch, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Drops every parameter's gradient, as PyTorch's <c>zero_grad(set_to_none=True)</c> does: the backward pass then
    /// writes each gradient into a fresh tensor instead of adding it to zeros (one pass less per parameter, and no
    /// zeroing), and a parameter the loss does not reach keeps no gradient, so the optimizer leaves it as it is.
    /// </summary>
    private void ClearGradients()
    {
        foreach (var parameter in Model.parameters())
        {
            parameter.grad = null;
        }
    }

    /// <summary>
    /// Trains for the settings' epochs; returns each epoch's figures. With <c>training.on-non-finite: rollback</c>, an
    /// epoch that meets a non-finite loss or gradient starts again from its beginning with a tenth of the learning
    /// rate, at most <see cref="Rollback.MaxRollbacks"/> times.
    /// </summary>
    public IReadOnlyList<EpochMetrics> Train(VaeData data, IProgress<BatchProgress>? progress = null)
    {
        var history = new List<EpochMetrics>();
        for (var epoch = 1; epoch <= ActiveSettings.Epochs; epoch++)
        {
            history.Add(Rollback.TrainEpochAsSettingsSay(this, data, epoch, progress));
        }

        return history;
    }

    /// <summary>Test ELBO and log p(x) ≈ IWAE_K with K = <paramref name="importanceSamples"/>, in nats per example.</summary>
    public TestMetrics Evaluate(VaeData data, int importanceSamples, IProgress<EvaluationProgress>? progress = null)
    {
        Model.eval();
        using var scope = NewDisposeScope();
        var test = EvaluationData(data);
        IVaeModel model = Model;
        return Evaluator.Evaluate(
            batch => model.Elbo(batch.Examples, batch.Labels),
            (batch, k, generator) => model.Iwae(batch.Examples, batch.Labels, k, generator),
            test,
            importanceSamples,
            ActiveSettings.Seed,
            progress);
    }

    /// <summary>Test ELBO and log p(x) with the settings' K importance samples.</summary>
    public TestMetrics Evaluate(VaeData data) => Evaluate(data, ActiveSettings.ImportanceSamples);

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The training examples on the device, from which every batch of an epoch is drawn.</summary>
    protected virtual Tensor TrainingExamples(VaeData data) => data.Examples.to(Device);

    /// <summary>
    /// The training examples at <paramref name="indices"/> (int64, [batch]) as the objective takes them: as they are,
    /// unless the model binarizes them.
    /// </summary>
    protected virtual Tensor Batch(Tensor examples, Tensor indices) => examples.index_select(0, indices);

    /// <summary>The KL weight β of a step in <paramref name="epoch"/>: the settings' β, unless the model warms it up.</summary>
    protected virtual double Beta(int epoch) => ActiveSettings.Beta;

    /// <summary>The test data on the device, as every evaluation sees them.</summary>
    protected virtual VaeData EvaluationData(VaeData data) => data.To(Device);
}
