using System;
using System.IO;
using System.Security.Cryptography;
using static TorchSharp.torch;

namespace Vae.Dsl.Cli.Output;

/// <summary>
/// model.bin, the trained parameters in TorchSharp's format (what <c>Module.load</c> reads), written atomically
/// (a temporary file, flushed to the disk, renamed), with model.bin.sha256 beside it in sha256sum's format, so
/// <c>sha256sum -c model.bin.sha256</c> tells a damaged copy from a good one.
/// </summary>
internal static class SavedModel
{
    public const string FileName = "model.bin";

    public static string Write(string directory, nn.Module module)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough))
        {
            module.save(file);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temporary)));
        File.Move(temporary, path, overwrite: true);
        File.WriteAllText(path + ".sha256", $"{hash}  {FileName}\n");
        return path;
    }
}
