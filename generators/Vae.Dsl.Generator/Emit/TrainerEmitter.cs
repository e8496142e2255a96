using System;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Model;
using Vae.Dsl.Generator.Parsing;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the model's trainer: the optimizer, the training loop with the binarization, gradient clipping and KL
/// warm-up the model file asks for, the objective (<see cref="ObjectiveEmitter"/>), and the evaluation protocol.
/// </summary>
internal static class TrainerEmitter
{
    public static void Write(SourceWriter w, ModelSpec model)
    {
        var training = model.Training;
        var name = model.Name;
        var trainer = model.TrainerName;
        var (optimizerType, optimizerFactory) = Optimizer(training);

        w.Line($"""
            /// <summary>
            /// Trains <see cref="{name}"/> as {Literals.Xml(model.SourceFileName)} describes: {Literals.Xml(Describe(model))}.
            /// </summary>
            """);
        w.Line(Emitter.GeneratedCodeAttribute);
        using (w.Block($"public sealed partial class {trainer} : IVaeTrainer"))
        {
            w.Line($$"""
                /// <summary>What the model file says about training and evaluation.</summary>
                public static TrainingSettings Settings { get; } = new(
                    Optimizer: {{Literals.String(Vocabulary.Optimizer.WordFor(training.Optimizer))}},
                    LearningRate: {{Literals.Double(training.LearningRate)}},
                    WeightDecay: {{Literals.Double(training.WeightDecay)}},
                    Momentum: {{Literals.Double(training.Momentum)}},
                    BatchSize: {{training.BatchSize}},
                    Epochs: {{training.Epochs}},
                    Seed: {{Literals.Integer(training.Seed)}},
                    GradientClip: {{Literals.Double(training.GradientClip)}},
                    Binarize: {{Literals.String(Vocabulary.Binarize.WordFor(training.Binarize))}},
                    Objective: {{Literals.String(ObjectiveEmitter.Describe(model.Objective))}},
                    Beta: {{Literals.Double(model.Objective.Beta)}},
                    ImportanceSamples: {{model.Evaluation.ImportanceSamples}},
                    OnNonFinite: {{Literals.String(Vocabulary.OnNonFinite.WordFor(training.OnNonFinite))}},
                    Device: {{Literals.String(training.Device)}});

                /// <summary>The model as a program sees it: what its file declares, and how to train it.</summary>
                public static VaeModelInfo Info { get; } = new(
                    Name: nameof({{name}}),
                    SourceFile: {{Literals.String(model.SourceFileName)}},
                    Summary: {{Literals.String(ModelParts.For(model).Summary)}},
                    DataShape: {{Literals.LongArray(model.Data.Shape)}},
                    FeatureCount: {{name}}.FeatureCount,
                    DataValues: {{Literals.String(Vocabulary.Values.WordFor(model.Data.Values))}},
                    LatentSize: {{name}}.LatentSize,
                    ConditionClasses: {{(model.Data.ConditionClasses?.ToString() ?? "null")}},
                    Fingerprint: {{Literals.String(model.Fingerprint)}},
                    SourceText: {{Literals.String(model.SourceText)}},
                    Settings: Settings,
                    CreateTrainer: static settings => Create(settings));

                private readonly {{name}} model;
                private readonly TrainingSettings settings;
                private readonly Device device;
                private readonly {{optimizerType}} optimizer;

                // Optimizer steps taken since the model was created (a checkpoint saves it).
                private long stepsTaken;
                """);

            w.Line($$"""

                /// <summary>A trainer of the model with the model file's settings, or the ones given (e.g. from the command line).</summary>
                public {{trainer}}({{name}} model, TrainingSettings? settings = null)
                {
                    this.model = model;
                    this.settings = settings ?? Settings;
                    // The model, the optimizer's state and every batch live on the settings' device (training.device).
                    device = TrainingDevice.Resolve(this.settings.Device);
                    model.to(device);
                    optimizer = {{optimizerFactory.Replace("settings.", "this.settings.")}};
                }

                /// <summary>The model being trained.</summary>
                public {{name}} Model => model;

                VaeModelInfo IVaeTrainer.Info => Info;

                TrainingSettings IVaeTrainer.Settings => settings;

                nn.Module IVaeTrainer.Module => model;

                IVaeModel IVaeTrainer.Model => model;

                OptimizerHelper IVaeTrainer.Optimizer => optimizer;

                /// <summary>Optimizer steps taken since the model was created.</summary>
                public long StepsTaken
                {
                    get => stepsTaken;
                    set => stepsTaken = value;
                }

                /// <summary>A new model, its parameters drawn after seeding with the settings' seed, and its trainer.</summary>
                public static {{trainer}} Create(TrainingSettings? settings = null)
                {
                    settings ??= Settings;
                    manual_seed(settings.Seed);
                    return new {{trainer}}(new {{name}}(), settings);
                }
                """);
            WriteTrainEpoch(w, model);
            ObjectiveEmitter.Write(w, model);
            WriteTrain(w, model);
            WriteEvaluate(w, model);
            w.Line("""

                public void Dispose()
                {
                    optimizer.Dispose();
                    model.Dispose();
                }
                """);
        }
    }

    private static void WriteTrainEpoch(SourceWriter w, ModelSpec model)
    {
        var binarize = model.Training.Binarize;
        w.Line("""

            /// <summary>One pass over the training data in a fresh random order, one optimizer step per batch.</summary>
            public EpochMetrics TrainEpoch(VaeData data, int epoch, IProgress<BatchProgress>? progress = null)
            {
                model.train();
                var stopwatch = Stopwatch.StartNew();
                var count = data.Count;
                var batchCount = (int)((count + settings.BatchSize - 1) / settings.BatchSize);
                var totals = new EpochTotals();
                using var order = randperm(count, device: device);
            """);
        if (binarize == Binarization.Static)
        {
            w.Line("""
                    // Static binarization: x ~ Bernoulli(pixel intensities), drawn once from the seed: the same every epoch.
                    using var binarizer = new Generator((ulong)settings.Seed);
                    using var examples = bernoulli(data.Examples, binarizer).to(device, disposeAfter: true);
                """);
        }
        else
        {
            w.Line("""
                    // The examples where the model is (on the CPU, the same memory).
                    using var examples = data.Examples.to(device);
                """);
        }

        if (model.IsConditional)
        {
            w.Line("    using var labels = data.Labels!.to(device);");
        }

        var batchLines = binarize == Binarization.Dynamic
            ? "// Dynamic binarization: x ~ Bernoulli(pixel intensities), drawn afresh each time an image is seen.\nvar x = bernoulli(examples.index_select(0, indices));"
            : "var x = examples.index_select(0, indices);";
        if (model.IsConditional)
        {
            batchLines += "\nvar y = labels.index_select(0, indices);";
        }

        var arguments = Conditioning.Arguments(model) + (ObjectiveEmitter.TakesBeta(model.Objective) ? ", beta" : string.Empty);
        w.Line($$"""
                for (var batch = 0; batch < batchCount; batch++)
                {
                    using var scope = NewDisposeScope();
                    var start = (long)batch * settings.BatchSize;
                    var indices = order.narrow(0, start, Math.Min(settings.BatchSize, count - start));
                    {{Code.Indent(batchLines, 2)}}
            """);
        if (ObjectiveEmitter.TakesBeta(model.Objective))
        {
            w.Line("        " + Code.Indent(Beta(model.Objective), 2));
        }

        var action = model.Training.OnNonFinite == NonFiniteAction.Skip ? "NonFiniteAction.Skip" : "NonFiniteAction.Stop";
        var whatItDoes = model.Training.OnNonFinite switch
        {
            NonFiniteAction.Skip => "skips the step (training.on-non-finite: skip)",
            NonFiniteAction.Rollback => "ends the epoch, which Train rolls back (training.on-non-finite: rollback)",
            _ => "stops training, naming the term, epoch and step (training.on-non-finite: stop)",
        };
        w.Line($$"""
                    var (loss, terms) = Objective({{arguments}});
                    // A non-finite loss or gradient {{whatItDoes}}, before any parameter changes.
                    if (!NumericalGuard.LossIsFinite(loss, terms, epoch, batch + 1, {{action}}))
                    {
                        totals.Skip();
                        continue;
                    }

                    optimizer.zero_grad();
                    loss.backward();
                    if (!NumericalGuard.GradientIsFinite(model.parameters(), epoch, batch + 1, {{action}}))
                    {
                        totals.Skip();
                        continue;
                    }

            """);
        if (model.Training.GradientClip > 0)
        {
            w.Line($$"""
                        // Gradient clipping: rescale the gradient to a global L2 norm of at most {{Literals.Double(model.Training.GradientClip)}}.
                        nn.utils.clip_grad_norm_(model.parameters(), settings.GradientClip);
                """);
        }

        w.Line("        optimizer.step();");
        w.Line("        stepsTaken++;");

        w.Line("""
                    totals.Add(terms);
                    progress?.Report(new BatchProgress(epoch, batch + 1, batchCount));
                }

                return totals.ToMetrics(epoch, stopwatch.Elapsed.TotalSeconds);
            }
            """);
    }

    /// <summary>The statements that set <c>beta</c> for this step.</summary>
    private static string Beta(ObjectiveSpec objective)
    {
        if (objective.Warmup is not { } warmup)
        {
            return "var beta = settings.Beta;";
        }

        var (t, unit) = warmup.Unit == WarmupUnit.Epochs ? ("(epoch - 1)", "epochs") : ("stepsTaken", "steps");
        return $"// β_t = β · min(1, t / T), t = completed {unit}, T = {warmup.Length}\n" +
               $"var beta = settings.Beta * Math.Min(1.0, {t} / {Literals.Double(warmup.Length)});";
    }

    private static void WriteTrain(SourceWriter w, ModelSpec model)
    {
        var (summary, epochCall) = model.Training.OnNonFinite == NonFiniteAction.Rollback
            ? (" An epoch that meets a non-finite loss or gradient starts again from its beginning with a tenth of the learning rate, at most three times (training.on-non-finite: rollback).",
               "Rollback.TrainEpoch(this, data, epoch, progress)")
            : (string.Empty, "TrainEpoch(data, epoch, progress)");
        w.Line($$"""

            /// <summary>Trains for the model file's epochs; returns each epoch's figures.{{summary}}</summary>
            public IReadOnlyList<EpochMetrics> Train(VaeData data, IProgress<BatchProgress>? progress = null)
            {
                var history = new List<EpochMetrics>();
                for (var epoch = 1; epoch <= settings.Epochs; epoch++)
                {
                    history.Add({{epochCall}});
                }

                return history;
            }
            """);
    }

    private static void WriteEvaluate(SourceWriter w, ModelSpec model)
    {
        var examples = model.Training.Binarize == Binarization.None
            ? "var test = data.To(device);"
            : """
              // The test examples binarized once, from the seed, so that every evaluation sees the same data.
              using var binarizer = new Generator((ulong)settings.Seed);
              var test = (data with { Examples = bernoulli(data.Examples, binarizer) }).To(device);
              """;
        var labels = model.IsConditional ? ", batch.Labels!" : string.Empty;
        w.Line($$"""

            /// <summary>
            /// Test ELBO and log p(x) ≈ IWAE_K with K = <paramref name="importanceSamples"/>, in nats per example.
            /// </summary>
            public TestMetrics Evaluate(VaeData data, int importanceSamples, IProgress<EvaluationProgress>? progress = null)
            {
                model.eval();
                using var scope = NewDisposeScope();
                {{Code.Indent(examples, 1)}}
                return Evaluator.Evaluate(
                    batch => model.Elbo(batch.Examples{{labels}}),
                    (batch, k, generator) => model.Iwae(batch.Examples{{labels}}, k, generator),
                    test,
                    importanceSamples,
                    settings.Seed,
                    progress);
            }

            /// <summary>Test ELBO and log p(x) with the settings' K importance samples.</summary>
            public TestMetrics Evaluate(VaeData data) => Evaluate(data, settings.ImportanceSamples);
            """);
    }

    private static (string Type, string Factory) Optimizer(TrainingSpec training)
    {
        const string rate = "settings.LearningRate";
        var decay = training.WeightDecay > 0 || training.Optimizer == OptimizerKind.AdamW
            ? ", weight_decay: settings.WeightDecay"
            : string.Empty;
        return training.Optimizer switch
        {
            OptimizerKind.Adam => ("Adam", $"torch.optim.Adam(model.parameters(), lr: {rate}{decay})"),
            OptimizerKind.AdamW => ("AdamW", $"torch.optim.AdamW(model.parameters(), lr: {rate}{decay})"),
            OptimizerKind.Sgd => ("SGD", $"torch.optim.SGD(model.parameters(), learningRate: {rate}{(training.Momentum > 0 ? ", momentum: settings.Momentum" : string.Empty)}{decay})"),
            _ => throw new ArgumentOutOfRangeException(nameof(training)),
        };
    }

    private static string Describe(ModelSpec model)
    {
        var t = model.Training;
        var clip = t.GradientClip > 0 ? $", gradients clipped to norm {Literals.Double(t.GradientClip)}" : string.Empty;
        return $"{Vocabulary.Optimizer.WordFor(t.Optimizer)} with learning rate {Literals.Double(t.LearningRate)}, batches of {t.BatchSize}, " +
               $"{t.Epochs} epochs, seed {t.Seed}, binarization {Vocabulary.Binarize.WordFor(t.Binarize)}{clip}; objective {ObjectiveEmitter.Describe(model.Objective)}; " +
               $"log p(x) by IWAE with K = {model.Evaluation.ImportanceSamples}";
    }
}
