using System;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the model's trainer: what its model file says on top of the runtime's <c>VaeTrainer</c> (the loop, the
/// non-finite policy, clipping, evaluation): the settings, the optimizer, the binarization, the KL warm-up and the
/// objective (<see cref="ObjectiveEmitter"/>).
/// </summary>
internal static class TrainerEmitter
{
    public static void Write(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var training = model.Training;
        var name = model.Name;
        var trainer = model.TrainerName;

        w.Line($"""
            /// <summary>
            /// Trains <see cref="{name}"/> as {Literals.Xml(model.SourceFileName)} describes: {Literals.Xml(Describe(model))}.
            /// </summary>
            """);
        w.Line(Emitter.GeneratedCodeAttribute);
        using (w.Block($"public sealed partial class {trainer} : {BaseClasses.Trainer.WrittenFor(name)}"))
        {
            w.Line($$"""
                /// <summary>What the model file says about training and evaluation.</summary>
                public static TrainingSettings Settings { get; } = new(
                    Optimizer: OptimizerChoice.{{training.Optimizer}},
                    LearningRate: {{Literals.Double(training.LearningRate)}},
                    WeightDecay: {{Literals.Double(training.WeightDecay)}},
                    Momentum: {{Literals.Double(training.Momentum)}},
                    BatchSize: {{training.BatchSize}},
                    Epochs: {{training.Epochs}},
                    Seed: {{Literals.Integer(training.Seed)}},
                    GradientClip: {{Literals.Double(training.GradientClip)}},
                    Binarize: Binarization.{{training.Binarize}},
                    Objective: {{Literals.String(ObjectiveEmitter.Describe(model.Objective))}},
                    Beta: {{Literals.Double(model.Objective.Beta)}},
                    ImportanceSamples: {{model.Evaluation.ImportanceSamples}},
                    OnNonFinite: NonFiniteAction.{{training.OnNonFinite}},
                    Device: {{Literals.String(training.Device)}});

                /// <summary>The model as a program sees it: what its file declares, and how to train it.</summary>
                public static VaeModelInfo Info { get; } = new(
                    Name: nameof({{name}}),
                    SourceFile: {{Literals.String(model.SourceFileName)}},
                    Summary: {{Literals.String(parts.Summary)}},
                    DataShape: {{Literals.LongArray(model.Data.Shape)}},
                    FeatureCount: {{name}}.FeatureCount,
                    DataValues: {{Literals.String(Vocabulary.Values.WordFor(model.Data.Values))}},
                    LatentSize: {{name}}.LatentSize,
                    ConditionClasses: {{(model.Data.ConditionClasses?.ToString() ?? "null")}},
                    Fingerprint: {{Literals.String(model.Fingerprint)}},
                    SourceText: {{Literals.String(model.SourceText)}},
                    Settings: Settings,
                    CreateTrainer: static settings => Create(settings));
                """);

            WriteTraining(w, model, parts);
        }
    }

    /// <summary>What differs per model in how it trains: the optimizer, the batches, β's warm-up, the objective, the test data.</summary>
    public static void WriteTraining(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var name = model.Name;
        var trainer = model.TrainerName;
        w.Line($$"""

            /// <summary>A trainer of the model with the model file's settings, or the ones given (e.g. from the command line).</summary>
            public {{trainer}}({{name}} model, TrainingSettings? settings = null)
                : base(model, settings ?? Settings, Info, static (parameters, training) => {{Optimizer(model.Training)}})
            {
            }

            /// <summary>A new model, its parameters drawn after seeding with the settings' seed, and its trainer.</summary>
            public static {{trainer}} Create(TrainingSettings? settings = null) =>
                new(Seeded(settings ?? Settings, static () => new {{name}}()), settings);
            """);
        WriteBatchPreparation(w, model);
        if (model.Objective.Warmup is { } warmup)
        {
            var (t, unit) = warmup.Unit == WarmupUnit.Epochs ? ("(epoch - 1)", "epochs") : ("StepsTaken", "steps");
            w.Line($$"""

                /// <summary>KL warm-up: β grows linearly from 0 over the first {{warmup.Length}} {{unit}}.</summary>
                protected override double Beta(int epoch) =>
                    // β_t = β · min(1, t / T), t = completed {{unit}}, T = {{warmup.Length}}
                    ActiveSettings.Beta * Math.Min(1.0, {{t}} / {{Literals.Double(warmup.Length)}});
                """);
        }

        ObjectiveEmitter.Write(w, model, parts);
        WriteEvaluation(w, model);
    }

    private static void WriteBatchPreparation(SourceWriter w, ModelSpec model)
    {
        switch (model.Training.Binarize)
        {
            case Binarization.Static:
                w.Line("""

                    /// <summary>Static binarization: x ~ Bernoulli(pixel intensities), drawn once from the seed: the same every epoch.</summary>
                    protected override Tensor TrainingExamples(VaeData data)
                    {
                        using var binarizer = new Generator((ulong)ActiveSettings.Seed);
                        return BernoulliDraw.Of(data.Examples, binarizer).to(Device, disposeAfter: true);
                    }
                    """);
                break;
            case Binarization.Dynamic:
                w.Line("""

                    /// <summary>Dynamic binarization: x ~ Bernoulli(pixel intensities), drawn afresh each time an image is seen.</summary>
                    protected override Tensor Batch(Tensor examples, Tensor indices) => BernoulliDraw.Of(examples, indices);
                    """);
                break;
        }
    }

    private static void WriteEvaluation(SourceWriter w, ModelSpec model)
    {
        if (model.Training.Binarize != Binarization.None)
        {
            w.Line("""

                /// <summary>The test examples binarized once, from the seed, so that every evaluation sees the same data.</summary>
                protected override VaeData EvaluationData(VaeData data)
                {
                    using var binarizer = new Generator((ulong)ActiveSettings.Seed);
                    return (data with { Examples = BernoulliDraw.Of(data.Examples, binarizer) }).To(Device);
                }
                """);
        }

    }

    /// <summary>The optimizer over <c>parameters</c> with the <c>settings</c>' learning rate and the model file's options.</summary>
    private static string Optimizer(TrainingSpec training)
    {
        const string rate = "training.LearningRate";
        var decay = training.WeightDecay > 0 || training.Optimizer == OptimizerKind.AdamW
            ? ", weight_decay: training.WeightDecay"
            : string.Empty;
        return training.Optimizer switch
        {
            OptimizerKind.Adam => $"new FusedAdam.Adam(parameters, lr: {rate}{decay})",
            OptimizerKind.AdamW => $"new FusedAdam.AdamW(parameters, lr: {rate}{decay})",
            OptimizerKind.Sgd => $"torch.optim.SGD(parameters, learningRate: {rate}{(training.Momentum > 0 ? ", momentum: training.Momentum" : string.Empty)}{decay})",
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
