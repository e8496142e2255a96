using System.Linq;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Pictures;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Dsl.Cli.Tests;

/// <summary>What the report tests put in a report: epochs, pictures, a model file with markup in it.</summary>
internal static class ReportSamples
{
    public const string Yaml = """
        # A model file with characters that are markup in HTML: <b>not bold</b> & "quoted" 'single'.
        model: FashionMnistVae
        data: { shape: [1, 28, 28] }
        latent: { size: 20 }
        """;

    /// <summary>Epoch records 1, 2, ... with the given ELBOs, KL = 20 - epoch and reconstruction = ELBO + KL.</summary>
    public static EpochRecord[] Epochs(params double[] elbos) =>
        elbos.Select((elbo, i) => new EpochRecord(i + 1, elbo, elbo + (20 - (i + 1)), 20 - (i + 1), 1.5, 0)).ToArray();

    /// <summary>The default model's pictures (untrained, of random images): four grids of 28 × 28 tiles.</summary>
    public static PictureSet DefaultModelPictures()
    {
        using var trainer = FashionMnistVaeTrainer.Create();
        using var data = rand(40, FashionMnistVae.FeatureCount);
        return ModelPictures.Draw(trainer, new VaeData(data));
    }

    /// <summary>A picture of every grey level 0 to 255 and then some, to compare pixel by pixel.</summary>
    public static (GreyImage Image, Picture Picture) TestPattern()
    {
        const int width = 37, height = 11;
        var image = new GreyImage(width, height, Enumerable.Range(0, width * height).Select(i => (byte)(i * 7 % 256)).ToArray());
        return (image, new Picture("pattern.png", "Test pattern", "Grey levels", width, height, image.ToPng()));
    }
}
