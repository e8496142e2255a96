using System.Collections.Generic;

namespace Vae.Dsl.Pictures;

/// <summary>One picture of a model.</summary>
/// <param name="FileName">A file name for it in a run folder, such as "samples.png".</param>
/// <param name="Title">A heading, such as "Samples from the prior".</param>
/// <param name="Caption">What it shows, in a sentence or two of plain text.</param>
/// <param name="Width">Its width in pixels.</param>
/// <param name="Height">Its height in pixels.</param>
/// <param name="Png">The PNG file.</param>
public sealed record Picture(string FileName, string Title, string Caption, int Width, int Height, byte[] Png);

/// <summary>The pictures drawn of a model, and one plain-text line for each picture left out, saying why.</summary>
public sealed record PictureSet(IReadOnlyList<Picture> Pictures, IReadOnlyList<string> Skipped);

/// <summary>How many of each thing <see cref="ModelPictures"/> draws.</summary>
/// <param name="Columns">Images per grid row.</param>
/// <param name="SampleRows">Rows of samples from the prior (an unconditional model).</param>
/// <param name="MaxClassRows">At most this many classes get a row of samples (a conditional model).</param>
/// <param name="ReconstructionRows">Rows of inputs, each with its row of reconstructions below it.</param>
/// <param name="TraversalDimensions">Latent dimensions in the one-dimensional traversal, one row each.</param>
/// <param name="TraversalSteps">Values of each traversed dimension: the columns (and the rows of the 2-D traversal).</param>
/// <param name="TraversalRange">The traversal goes from μ_u - r · s_u to μ_u + r · s_u; this is r.</param>
/// <param name="ActivityExamples">Examples whose posterior means measure each latent dimension's activity.</param>
public sealed record PictureSettings(
    int Columns = 10,
    int SampleRows = 8,
    int MaxClassRows = 20,
    int ReconstructionRows = 4,
    int TraversalDimensions = 8,
    int TraversalSteps = 11,
    double TraversalRange = 3.0,
    int ActivityExamples = 1000);
