using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Vae.Dsl.Generator.Bench;

/// <summary>
/// A re-run with no model edited, as after an edit elsewhere in the project: a driver over every file of models/,
/// already run once, re-run on a new compilation (a clone: the generator reads no C#, so its content does not matter).
/// </summary>
public class NoOpRerunBenchmarks
{
    private readonly Compilation compilation = Drivers.EmptyCompilation();
    private GeneratorDriver driver = null!;

    [GlobalSetup]
    public void Setup() => driver = Drivers.Create(ModelFiles.LoadAll()).RunGenerators(compilation);

    [Benchmark]
    public GeneratorDriver AllModels() => driver = driver.RunGenerators(compilation.Clone());
}
