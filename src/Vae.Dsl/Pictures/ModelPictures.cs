using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using Vae.Dsl.Data;
using Vae.Dsl.Models;
using Vae.Dsl.Training;
using static TorchSharp.torch;

namespace Vae.Dsl.Pictures;

/// <summary>
/// The pictures of a trained model, as PNG grids (<see cref="ImageGrid"/>), through the surface every generated
/// model shares (<see cref="IVaeModel"/>, no reflection):
/// <list type="number">
/// <item>samples: E[x|z] at draws z ~ p(z); for a conditional model one row per class, the same z in each column;</item>
/// <item>reconstructions: rows of inputs, each with E[x|z] at their posterior means z = E_q[z] below it;</item>
/// <item>a latent traversal: the first example's posterior mean with one dimension u varied at a time, over
/// μ_u ± r · s_u, for the most active dimensions;</item>
/// <item>a two-dimensional traversal of the two most active dimensions.</item>
/// </list>
/// Every picture shows E[x|z], the likelihood's mean, not a draw x ~ p(x|z): for a Bernoulli likelihood a draw is
/// salt-and-pepper noise around it. The draws of z come from the model file's seed, so the pictures of one model are
/// the same from one call to the next; the global random state is restored afterwards, so drawing pictures between
/// epochs does not change training.
/// </summary>
public static class ModelPictures
{
    /// <summary>
    /// A latent dimension u is "active" when the variance over the data of its posterior mean, Var_x(E_q[z_u]),
    /// exceeds 0.01 (Burda, Grosse and Salakhutdinov 2016, "Importance Weighted Autoencoders", section 5.2).
    /// </summary>
    public const double ActiveVariance = 0.01;

    /// <summary>
    /// The pictures of <paramref name="trainer"/>'s model. <paramref name="examples"/> (test data, say) gives the
    /// inputs to reconstruct and the example to traverse; they are binarized from the model's seed first if the model
    /// trains on binarized data, as its evaluation does. A conditional model needs their labels.
    /// </summary>
    public static PictureSet Draw(IVaeTrainer trainer, VaeData examples, PictureSettings? settings = null)
    {
        settings ??= new PictureSettings();
        var info = trainer.Info;
        if (TileShape.For(info.DataShape, out var problem) is not { } tile)
        {
            return new PictureSet([], [$"No pictures: {problem}."]);
        }

        if (info.ConditionClasses is not null && examples.Labels is null)
        {
            throw new ArgumentException($"{info.Name} is conditional: its examples need their labels", nameof(examples));
        }

        var module = trainer.Module;
        var wasTraining = module.training;
        using var random = Generator.Default;
        using var savedState = random.get_state();
        try
        {
            module.eval();
            manual_seed(info.Settings.Seed);
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var drawing = new Drawing(trainer.Model, info, tile, settings);
            var pictures = new List<Picture>();
            var skipped = new List<string>();
            pictures.Add(drawing.Samples());
            if (examples.Count == 0)
            {
                skipped.Add("Reconstructions and latent traversals: no examples were given.");
            }
            else
            {
                var inputs = ModelInputs(info, examples.Narrow(0, Math.Min(examples.Count, settings.ActivityExamples)));
                pictures.Add(drawing.Reconstructions(inputs));
                var activity = drawing.Activity(inputs);
                pictures.Add(drawing.Traversal(inputs, activity));
                if (info.LatentSize >= 2)
                {
                    pictures.Add(drawing.Traversal2D(inputs, activity));
                }
                else
                {
                    skipped.Add("Two-dimensional latent traversal: the latent z has one dimension.");
                }
            }

            return new PictureSet(pictures, skipped);
        }
        finally
        {
            random.set_state(savedState);
            module.train(wasTraining);
        }
    }

    /// <summary>The examples as the model sees them: binarized once from the seed where it trains on binarized data.</summary>
    private static VaeData ModelInputs(VaeModelInfo info, VaeData examples)
    {
        if (info.Settings.Binarize == Binarization.None)
        {
            return examples;
        }

        using var generator = new Generator((ulong)info.Settings.Seed);
        return examples with { Examples = bernoulli(examples.Examples, generator) };
    }

    /// <summary>The pictures of one model, in the caller's dispose scope.</summary>
    private sealed class Drawing(IVaeModel model, VaeModelInfo info, TileShape tile, PictureSettings settings)
    {
        private bool Conditional => info.ConditionClasses is not null;

        /// <summary>E[x|z] at z ~ p(z): rows × columns, or for a conditional model one row per class.</summary>
        public Picture Samples()
        {
            if (!Conditional)
            {
                var n = settings.SampleRows * settings.Columns;
                var x = model.ExpectedDataAt(model.SamplePrior(n), null);
                return Grid("samples.png", "Samples from the prior",
                    $"E[x|z] at {n} draws z ~ p(z), {settings.SampleRows} rows of {settings.Columns}.", x, settings.Columns);
            }

            var classes = Math.Min(info.ConditionClasses!.Value, settings.MaxClassRows);
            var z = model.SamplePrior(settings.Columns);
            var rows = new List<Tensor>();
            for (var c = 0; c < classes; c++)
            {
                rows.Add(model.ExpectedDataAt(z, full(new long[] { settings.Columns }, c, dtype: ScalarType.Int64)));
            }

            var more = classes < info.ConditionClasses ? $" (the first {classes} of {info.ConditionClasses} classes)" : string.Empty;
            return Grid("samples.png", "Samples from the prior, by class",
                $"E[x|z,y] at {settings.Columns} draws z ~ p(z): row y is class y{more}, and each column keeps its z, so a column shows one 'style' in every class.",
                cat(rows, 0), settings.Columns);
        }

        /// <summary>Rows of inputs, each followed by the row of their reconstructions E[x|z], z = E_q[z].</summary>
        public Picture Reconstructions(VaeData inputs)
        {
            var columns = (int)Math.Min(settings.Columns, inputs.Count);
            var rows = (int)Math.Min(settings.ReconstructionRows, inputs.Count / columns);
            var shown = inputs.Narrow(0, rows * columns);
            var x = shown.Examples;
            var reconstructed = model.ExpectedDataAt(model.PosteriorMean(x, shown.Labels), shown.Labels);
            // [rows, columns, F] twice, joined along the columns: each row of inputs, then its row of reconstructions.
            var pairs = cat([x.reshape(rows, columns, -1), reconstructed.reshape(rows, columns, -1)], 1);
            var binarized = info.Settings.Binarize == Binarization.None ? string.Empty : ", binarized from the model's seed, as its evaluation does";
            return Grid("reconstructions.png", "Reconstructions",
                $"Rows of {columns} inputs (the first examples given{binarized}), each followed by the row of their reconstructions E[x|z] at the posterior mean z = E_q[z].",
                pairs.reshape(2 * rows * columns, -1), columns);
        }

        /// <summary>The first example's posterior mean with one dimension varied per row, the most active dimensions first.</summary>
        public Picture Traversal(VaeData inputs, LatentActivity activity)
        {
            var (mean, spread, order, active) = activity;
            var steps = Steps();
            var dims = order.Take((int)Math.Min(settings.TraversalDimensions, info.LatentSize)).ToArray();
            var z = new List<float[]>();
            foreach (var u in dims)
            {
                foreach (var t in steps)
                {
                    var point = (float[])mean.Clone();
                    // z_u = μ_u + t · s_u
                    point[u] += (float)(t * spread[u]);
                    z.Add(point);
                }
            }

            var rowsText = string.Join(", ", dims.Select(u => $"z{u} (s = {Number(spread[u])})"));
            return Grid("traversal.png", "Latent traversal",
                $"The first example's posterior mean μ = E_q[z] with one dimension u varied per row, from μ_u - {Number(settings.TraversalRange)} s_u to μ_u + {Number(settings.TraversalRange)} s_u in {steps.Length} steps, " +
                $"where s_u is the standard deviation of E_q[z_u] over {inputs.Count} examples; the other dimensions stay at μ. Rows, most active first: {rowsText}. " +
                $"{active} of {info.LatentSize} dimensions are active (Var_x E_q[z_u] > {Number(ActiveVariance)}).",
                Decode(z, inputs), steps.Length);
        }

        /// <summary>The first example's posterior mean with the two most active dimensions varied over a grid.</summary>
        public Picture Traversal2D(VaeData inputs, LatentActivity activity)
        {
            var (mean, spread, order, _) = activity;
            var steps = Steps();
            var (u, v) = (order[0], order[1]);
            var z = new List<float[]>();
            foreach (var tu in steps)
            {
                foreach (var tv in steps)
                {
                    var point = (float[])mean.Clone();
                    // z_u = μ_u + t_i · s_u down the rows, z_v = μ_v + t_j · s_v along the columns
                    point[u] += (float)(tu * spread[u]);
                    point[v] += (float)(tv * spread[v]);
                    z.Add(point);
                }
            }

            return Grid("traversal-2d.png", "Latent traversal in two dimensions",
                $"The first example's posterior mean with the two most active dimensions varied together: z{u} (s = {Number(spread[u])}) down the rows and " +
                $"z{v} (s = {Number(spread[v])}) along the columns, each over μ ± {Number(settings.TraversalRange)} s in {steps.Length} steps.",
                Decode(z, inputs), steps.Length);
        }

        /// <summary>The posterior means of the examples, summed up: what the traversals start from and vary.</summary>
        public LatentActivity Activity(VaeData inputs)
        {
            using var means = model.PosteriorMean(inputs.Examples, inputs.Labels);
            using var accessor = means.to_type(ScalarType.Float32).data<float>();
            var values = accessor.ToArray();
            var (n, size) = ((int)inputs.Count, (int)info.LatentSize);
            var spread = new double[size];
            for (var u = 0; u < size; u++)
            {
                // Var_x(μ_u) = (1/n) Σ_i (μ_iu - mean_u)², over the n examples
                var average = 0.0;
                for (var i = 0; i < n; i++)
                {
                    average += values[i * size + u];
                }

                average /= n;
                var variance = 0.0;
                for (var i = 0; i < n; i++)
                {
                    variance += Math.Pow(values[i * size + u] - average, 2);
                }

                spread[u] = Math.Sqrt(variance / n);
            }

            var order = Enumerable.Range(0, size).OrderByDescending(u => spread[u]).ThenBy(u => u).ToArray();
            var active = spread.Count(s => s * s > ActiveVariance);
            return new LatentActivity(values.AsSpan(0, size).ToArray(), spread, order, active);
        }

        /// <summary>t_j = -r + 2r · j / (S - 1), j = 0 .. S - 1: S evenly spaced values from -r to r (0 alone if S = 1).</summary>
        private double[] Steps()
        {
            var (s, r) = (settings.TraversalSteps, settings.TraversalRange);
            return s == 1 ? [0.0] : Enumerable.Range(0, s).Select(j => -r + 2 * r * j / (s - 1)).ToArray();
        }

        /// <summary>E[x|z] at the given points z, for a conditional model with the first example's class.</summary>
        private Tensor Decode(List<float[]> points, VaeData inputs)
        {
            var z = tensor(points.SelectMany(p => p).ToArray(), [points.Count, info.LatentSize]).to_type(inputs.Examples.dtype);
            var y = inputs.Labels is { } labels
                ? full(new long[] { points.Count }, labels.narrow(0, 0, 1).item<long>(), dtype: ScalarType.Int64)
                : null;
            return model.ExpectedDataAt(z, y);
        }

        /// <summary>The images x of [N, FeatureCount] as a grid picture with the caption's remark on the tile shape.</summary>
        private Picture Grid(string fileName, string title, string caption, Tensor x, int columns)
        {
            var images = x.reshape(x.shape[0], tile.Height, tile.Width);
            var grid = ImageGrid.Tile(images, tile.IsStrip ? 1 : columns, tile.Separator);
            var note = tile.Note is null ? string.Empty : " " + tile.Note + (tile.IsStrip ? " The grid's rows follow one another." : string.Empty);
            return new Picture(fileName, title, caption + note, grid.Width, grid.Height, grid.ToPng());
        }

        private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The posterior means E_q[z] of some examples, summed up.
    /// </summary>
    /// <param name="Mean">The first example's posterior mean μ.</param>
    /// <param name="Spread">s_u, the standard deviation over the examples of E_q[z_u], per dimension u.</param>
    /// <param name="Order">The dimensions by decreasing s_u, ties by index: the most active first.</param>
    /// <param name="Active">How many dimensions are active: s_u² > <see cref="ActiveVariance"/>.</param>
    private sealed record LatentActivity(float[] Mean, double[] Spread, int[] Order, int Active);
}
