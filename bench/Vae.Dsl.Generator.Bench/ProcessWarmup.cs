using System;
using System.Diagnostics;
using System.Linq;

namespace Vae.Dsl.Generator.Bench;

/// <summary>
/// Edits every model in turn for a few seconds before the first benchmark. The benchmarks run in this process, and the
/// JIT takes seconds to tier up the generator's, YamlDotNet's and Roslyn's code: without this, the first benchmark
/// (and only it) measured partly unoptimized code, several times slower, even after 8 warm-up iterations of its own.
/// </summary>
internal static class ProcessWarmup
{
    public static void Run(TimeSpan duration)
    {
        var compilation = Drivers.EmptyCompilation();
        var files = ModelFiles.LoadAll();
        var edited = files.Select(ModelFiles.Edited).ToArray();
        var driver = Drivers.Create(files).RunGenerators(compilation);
        var watch = Stopwatch.StartNew();
        for (var round = 0; watch.Elapsed < duration; round++)
        {
            var i = round % files.Length;
            driver = driver.ReplaceAdditionalText(files[i], edited[i]).RunGenerators(compilation);
            driver = driver.ReplaceAdditionalText(edited[i], files[i]).RunGenerators(compilation);
        }
    }
}
