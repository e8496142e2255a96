using System;
using System.IO;
using System.Linq;

namespace Vae.Dsl.Cli.Output;

/// <summary>
/// The output folder of a run. Every run gets a new one, so a run never overwrites another: the folder asked for must
/// not exist yet or be empty, and the default, runs/&lt;model&gt;-&lt;time&gt;, gets a suffix -2, -3, ... if taken.
/// It is created, and proved writable, before training starts.
/// </summary>
internal static class RunFolder
{
    public static string Create(string? requested, string modelStem, DateTime now)
    {
        var path = requested ?? Unused(Path.Combine("runs", $"{modelStem}-{now:yyyyMMdd-HHmmss}"));
        if (File.Exists(path))
        {
            throw new UsageException($"--output '{path}' is a file; give a folder for the run");
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new UsageException($"'{path}' already holds files (an earlier run?); a run never overwrites another: choose a new --output");
        }

        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, ".write-test");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write the run to '{path}': {e.Message}");
        }

        return path;
    }

    private static string Unused(string path)
    {
        var candidate = path;
        for (var n = 2; Directory.Exists(candidate) || File.Exists(candidate); n++)
        {
            candidate = $"{path}-{n}";
        }

        return candidate;
    }
}

/// <summary>A problem with what the user asked for, found before anything ran: exit code 2, the message, no stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);
