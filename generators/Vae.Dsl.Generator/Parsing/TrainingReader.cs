using System.Linq;
using Vae.Dsl.Generator.Specs;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>The 'training' section: the optimizer and its options, the batches, the seed, clipping and binarization.</summary>
internal static class TrainingReader
{
    public static TrainingSpec? Read(SectionReader root, LikelihoodSpec? likelihood, DataSpec? data)
    {
        var binarizeByDefault = DefaultBinarization(likelihood, data);
        var section = root.Section(
            "training", required: false, "a mapping",
            "optimizer", "learning-rate", "weight-decay", "momentum", "batch-size", "epochs", "seed", "gradient-clip", "binarize", "on-non-finite", "device");
        if (section is null)
        {
            return root.Has("training") ? null : new TrainingSpec(OptimizerKind.Adam, 1e-3, 0, 0, 128, 10, 0, 0, binarizeByDefault, NonFiniteAction.Stop, DefaultDevice);
        }

        var optimizer = section.Choice("optimizer", Vocabulary.Optimizer, OptimizerKind.Adam);
        var learningRate = section.Number("learning-rate", 1e-3, 0, minimumIncluded: false, "a number > 0");
        var weightDecay = section.Number("weight-decay", optimizer == OptimizerKind.AdamW ? 0.01 : 0, 0, minimumIncluded: true, "a number ≥ 0");
        var momentum = section.Number("momentum", 0, 0, minimumIncluded: true, "a number in [0, 1)");
        var batchSize = section.Integer("batch-size", 128, 1, "a positive integer", 1_000_000);
        var epochs = section.Integer("epochs", 10, 1, "a positive integer", 1_000_000);
        var seed = section.Integer("seed", 0, 0, "an integer ≥ 0", long.MaxValue);
        var clip = section.Number("gradient-clip", 0, 0, minimumIncluded: true, "a number ≥ 0 (0 is off)");
        var binarize = section.Choice("binarize", Vocabulary.Binarize, binarizeByDefault);
        var onNonFinite = section.Choice("on-non-finite", Vocabulary.OnNonFinite, NonFiniteAction.Stop);
        var device = section.Text("device", required: false, DeviceText) ?? (section.Has("device") ? null : DefaultDevice);
        var valid = true;

        if (device is not null && !IsDevice(device))
        {
            section.Context.Report(OutOfRange, section.Node("device")!, "training.device", DeviceText, device);
            valid = false;
        }

        if (momentum >= 1)
        {
            section.Context.Report(OutOfRange, section.Node("momentum")!, "training.momentum", "a number in [0, 1)", momentum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            valid = false;
        }

        if (section.Has("momentum") && optimizer is not OptimizerKind.Sgd)
        {
            section.Context.Report(OptimizerOptionDoesNotFit, section.KeyNode("momentum"), "'training.momentum' is an option of 'optimizer: sgd'; adam and adamw keep their own moment estimates");
            valid = false;
        }

        if (section.Has("binarize") && binarize is Binarization.Dynamic or Binarization.Static)
        {
            var problem = likelihood is not null and not BernoulliLikelihoodSpec
                ? "'training.binarize' draws binary data for a bernoulli likelihood; this likelihood models the values as they are: use 'binarize: none'"
                : data is { Values: DataValues.Binary }
                    ? "'training.binarize' draws binary data from grey values, and 'data.values' says the data are binary already: use 'binarize: none'"
                    : null;
            if (problem is not null)
            {
                section.Context.Report(BinarizationDoesNotFit, section.Node("binarize")!, problem);
                valid = false;
            }
        }

        return optimizer is null || learningRate is null || weightDecay is null || momentum is null || batchSize is null || epochs is null ||
               seed is null || clip is null || binarize is null || onNonFinite is null || device is null || !valid
            ? null
            : new TrainingSpec(optimizer.Value, learningRate.Value, weightDecay.Value, momentum.Value, (int)batchSize, (int)epochs, seed.Value, clip.Value, binarize.Value, onNonFinite.Value, device);
    }

    private const string DefaultDevice = "cpu";
    private const string DeviceText = "cpu, cuda or cuda:N";

    /// <summary>cpu, cuda (the first GPU) or cuda:N, N a number of at most three digits (the runtime's TrainingDevice reads the same).</summary>
    private static bool IsDevice(string text) =>
        text is "cpu" or "cuda" ||
        (text.StartsWith("cuda:", System.StringComparison.Ordinal) && text.Length is > 5 and <= 8 && text.Substring(5).All(c => c is >= '0' and <= '9'));

    /// <summary>Grey data under a Bernoulli likelihood is binarized afresh each time it is seen unless the model says otherwise.</summary>
    private static Binarization DefaultBinarization(LikelihoodSpec? likelihood, DataSpec? data) =>
        likelihood is BernoulliLikelihoodSpec && data is not { Values: DataValues.Binary } ? Binarization.Dynamic : Binarization.None;
}
