using System.IO;
using static TorchSharp.torch;

namespace Vae.Dsl.Data;

/// <summary>
/// Fashion-MNIST as the Debian package dataset-fashion-mnist installs it: 60,000 training and 10,000 test
/// images of 28x28 grey pixels, read as tensors of [N, 784] with values in [0, 1].
/// </summary>
public static class FashionMnist
{
    public const string DebianPackage = "dataset-fashion-mnist";
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    public const string TrainImages = "train-images-idx3-ubyte.gz";
    public const string TestImages = "t10k-images-idx3-ubyte.gz";

    /// <summary>The training and test images from a directory holding the IDX files.</summary>
    public static (Tensor Train, Tensor Test) Load(string directory = DefaultDirectory) =>
        (LoadImages(Path.Combine(directory, TrainImages)), LoadImages(Path.Combine(directory, TestImages)));

    /// <summary>One IDX image file as a float32 tensor of [N, rows · columns], pixel / 255.</summary>
    public static Tensor LoadImages(string path)
    {
        if (!File.Exists(path))
        {
            var hint = Path.GetDirectoryName(path) == DefaultDirectory
                ? $"install the Debian package {DebianPackage} (sudo apt-get install {DebianPackage})"
                : "check the data directory, or leave it out to use the Debian package's";
            throw new DatasetException($"Fashion-MNIST not found: {path} does not exist; {hint}");
        }

        var images = IdxImages.Read(path);
        var values = new float[images.Pixels.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = images.Pixels[i] / 255f;
        }

        return tensor(values, [images.Count, images.PixelsPerImage]);
    }
}
