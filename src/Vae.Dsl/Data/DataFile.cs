using System;
using System.IO;
using System.IO.Compression;

namespace Vae.Dsl.Data;

/// <summary>Opening a data file for a reader: a missing file and a damaged gzip stream are clear errors.</summary>
internal static class DataFile
{
    /// <summary>Reads the file with <paramref name="read"/>, through gzip when its name ends in .gz.</summary>
    public static T Read<T>(string path, Func<Stream, T> read)
    {
        if (!File.Exists(path))
        {
            throw new DatasetException($"{path}: no such file");
        }

        try
        {
            using var file = File.OpenRead(path);
            using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: not a valid gzip file ({e.Message})", e);
        }
    }
}
