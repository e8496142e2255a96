using System;
using Vae.Dsl.Generator.Emit.Likelihoods;
using Vae.Dsl.Generator.Emit.Posteriors;
using Vae.Dsl.Generator.Emit.Priors;
using Vae.Dsl.Generator.Model;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the model's trainer: the optimizer, the training loop with the objective and the binarization the
/// model file asks for, and the evaluation protocol.
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
                    Optimizer: {{Literals.String(Parsing.Vocabulary.Optimizer.WordFor(training.Optimizer))}},
                    LearningRate: {{Literals.Double(training.LearningRate)}},
                    BatchSize: {{training.BatchSize}},
                    Epochs: {{training.Epochs}},
                    Seed: {{Literals.Integer(training.Seed)}},
                    Binarize: {{Literals.String(Parsing.Vocabulary.Binarize.WordFor(training.Binarize))}},
                    Beta: {{Literals.Double(model.Objective.Beta)}},
                    ImportanceSamples: {{model.Evaluation.ImportanceSamples}});

                /// <summary>The model as a program sees it: what its file declares, and how to train it.</summary>
                public static VaeModelInfo Info { get; } = new(
                    Name: nameof({{name}}),
                    SourceFile: {{Literals.String(model.SourceFileName)}},
                    Summary: {{Literals.String(Summary(model))}},
                    DataShape: {{Literals.LongArray(model.DataShape)}},
                    FeatureCount: {{name}}.FeatureCount,
                    LatentSize: {{name}}.LatentSize,
                    Settings: Settings,
                    CreateTrainer: static () => Create());

                private readonly {{name}} model;
                private readonly {{optimizerType}} optimizer;
                """);
            if (model.Objective.Warmup is { Unit: WarmupUnit.Steps })
            {
                w.Line("private long step;");
            }

            w.Line($$"""

                public {{trainer}}({{name}} model)
                {
                    this.model = model;
                    optimizer = {{optimizerFactory}};
                }

                /// <summary>The model being trained.</summary>
                public {{name}} Model => model;

                VaeModelInfo IVaeTrainer.Info => Info;

                nn.Module IVaeTrainer.Module => model;

                /// <summary>A new model, its parameters drawn after seeding with the model file's seed, and its trainer.</summary>
                public static {{trainer}} Create()
                {
                    manual_seed(Settings.Seed);
                    return new {{trainer}}(new {{name}}());
                }
                """);
            WriteTrainEpoch(w, model);
            WriteTrain(w);
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

            /// <summary>One pass over images of [N, FeatureCount] with values in [0, 1], in a fresh random order.</summary>
            public EpochMetrics TrainEpoch(Tensor images, int epoch, IProgress<BatchProgress>? progress = null)
            {
                model.train();
                var stopwatch = Stopwatch.StartNew();
                var count = images.shape[0];
                var batchCount = (int)((count + Settings.BatchSize - 1) / Settings.BatchSize);
                var totals = new EpochTotals();
                using var order = randperm(count);
            """);
        if (binarize == Binarization.Static)
        {
            w.Line("""
                    // Static binarization: x ~ Bernoulli(pixel intensities), drawn once from the seed: the same every epoch.
                    using var data = bernoulli(images, new Generator((ulong)Settings.Seed));
                """);
        }

        var source = binarize == Binarization.Static ? "data" : "images";
        var (batchComment, batchExpression) = binarize == Binarization.Dynamic
            ? ("// Dynamic binarization: x ~ Bernoulli(pixel intensities), drawn afresh each time an image is seen.\n",
               $"bernoulli({source}.index_select(0, indices))")
            : (string.Empty, $"{source}.index_select(0, indices)");
        var (objectiveComment, loss) = Objective(model.Objective);

        w.Line($$"""
                for (var batch = 0; batch < batchCount; batch++)
                {
                    using var scope = NewDisposeScope();
                    var start = (long)batch * Settings.BatchSize;
                    var indices = order.narrow(0, start, Math.Min(Settings.BatchSize, count - start));
                    {{Indent(batchComment + "var x = " + batchExpression + ";", 2)}}
                    var terms = model.Elbo(x);
                    {{Indent(objectiveComment, 2)}}
                    var loss = {{loss}};
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
            """);
        if (model.Objective.Warmup is { Unit: WarmupUnit.Steps })
        {
            w.Line("        step++;");
        }

        w.Line("""
                    totals.Add(terms);
                    progress?.Report(new BatchProgress(epoch, batch + 1, batchCount));
                }

                return totals.ToMetrics(epoch, stopwatch.Elapsed.TotalSeconds);
            }
            """);
    }

    private static void WriteTrain(SourceWriter w) => w.Line("""

        /// <summary>Trains for the model file's epochs; returns each epoch's figures.</summary>
        public IReadOnlyList<EpochMetrics> Train(Tensor images, IProgress<BatchProgress>? progress = null)
        {
            var history = new List<EpochMetrics>();
            for (var epoch = 1; epoch <= Settings.Epochs; epoch++)
            {
                history.Add(TrainEpoch(images, epoch, progress));
            }

            return history;
        }
        """);

    private static void WriteEvaluate(SourceWriter w, ModelSpec model)
    {
        var data = model.Training.Binarize == Binarization.None
            ? "var x = images;"
            : """
              // The test images binarized once, from the seed, so that every evaluation sees the same data.
              var x = bernoulli(images, new Generator((ulong)Settings.Seed));
              """;
        w.Line($$"""

            /// <summary>
            /// Test ELBO and log p(x) ≈ IWAE_K with K = <paramref name="importanceSamples"/>, in nats per example,
            /// for images of [N, FeatureCount] with values in [0, 1].
            /// </summary>
            public TestMetrics Evaluate(Tensor images, int importanceSamples, IProgress<EvaluationProgress>? progress = null)
            {
                model.eval();
                using var scope = NewDisposeScope();
                {{Indent(data, 1)}}
                return Evaluator.Evaluate(model.Elbo, model.Iwae, x, importanceSamples, progress);
            }

            /// <summary>Test ELBO and log p(x) with the model file's K importance samples.</summary>
            public TestMetrics Evaluate(Tensor images) => Evaluate(images, Settings.ImportanceSamples);
            """);
    }

    /// <summary>The loss expression, and the comment with its formula, for the objective.</summary>
    private static (string Comment, string Loss) Objective(ObjectiveSpec objective)
    {
        var beta = Literals.Double(objective.Beta);
        if (objective.Warmup is { } warmup)
        {
            var (t, unit) = warmup.Unit == WarmupUnit.Epochs ? ("(epoch - 1)", "epochs") : ("step", "steps");
            return (
                $"// β_t = β · min(1, t / T), t = completed {unit}, T = {warmup.Length}\n" +
                $"var beta = {beta} * Math.Min(1.0, {t} / {Literals.Double(warmup.Length)});\n" +
                "// loss = -mean over the batch of [ log p(x|z) - β_t · KL ]",
                "-(terms.Reconstruction - beta * terms.Kl).mean()");
        }

        return objective.Beta == 1
            ? ("// loss = -mean over the batch of ELBO", "-terms.Elbo.mean()")
            : ("// loss = -mean over the batch of [ log p(x|z) - β · KL ]", $"-(terms.Reconstruction - {beta} * terms.Kl).mean()");
    }

    private static (string Type, string Factory) Optimizer(TrainingSpec training)
    {
        var rate = Literals.Double(training.LearningRate);
        return training.Optimizer switch
        {
            OptimizerKind.Adam => ("Adam", $"torch.optim.Adam(model.parameters(), lr: {rate})"),
            OptimizerKind.AdamW => ("AdamW", $"torch.optim.AdamW(model.parameters(), lr: {rate})"),
            OptimizerKind.Sgd => ("SGD", $"torch.optim.SGD(model.parameters(), learningRate: {rate})"),
            _ => throw new ArgumentOutOfRangeException(nameof(training)),
        };
    }

    private static string Describe(ModelSpec model)
    {
        var t = model.Training;
        var warmup = model.Objective.Warmup is { } w ? $", KL warm-up over {w.Length} {(w.Unit == WarmupUnit.Epochs ? "epochs" : "steps")}" : string.Empty;
        return $"{Parsing.Vocabulary.Optimizer.WordFor(t.Optimizer)} with learning rate {Literals.Double(t.LearningRate)}, batches of {t.BatchSize}, " +
               $"{t.Epochs} epochs, seed {t.Seed}, binarization {Parsing.Vocabulary.Binarize.WordFor(t.Binarize)}, β = {Literals.Double(model.Objective.Beta)}{warmup}; " +
               $"log p(x) by IWAE with K = {model.Evaluation.ImportanceSamples}";
    }

    private static string Summary(ModelSpec model) =>
        $"q(z|x) {DiagonalGaussianPosterior.Describe(model.Posterior)}; p(x|z) {BernoulliLikelihood.Description}; p(z) {StandardNormalPrior.Description}";

    private static string Indent(string lines, int levels) => lines.Replace("\n", "\n" + new string(' ', 4 * levels));
}
