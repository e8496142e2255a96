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
    public const string TrainLabels = "train-labels-idx1-ubyte.gz";
    public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>The training and test images from a directory holding the IDX files, with their classes when asked.</summary>
    public static (VaeData Train, VaeData Test) Load(string directory = DefaultDirectory, bool withLabels = false) =>
        (LoadSet(directory, TrainImages, TrainLabels, withLabels), LoadSet(directory, TestImages, TestLabels, withLabels));

    private static VaeData LoadSet(string directory, string images, string labels, bool withLabels)
    {
        var examples = LoadImages(Path.Combine(directory, images));
        if (!withLabels)
        {
            return new VaeData(examples);
        }

        var classes = LoadLabels(Path.Combine(directory, labels));
        if (classes.shape[0] != examples.shape[0])
        {
            throw new DatasetException($"{Path.Combine(directory, labels)} has {classes.shape[0]} labels for {examples.shape[0]} images");
        }

        return new VaeData(examples, classes);
    }

    /// <summary>One IDX label file as an int64 tensor of [N].</summary>
    public static Tensor LoadLabels(string path)
    {
        var labels = IdxLabels.Read(path);
        var values = new long[labels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = labels.Labels[i];
        }

        return tensor(values);
    }

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
