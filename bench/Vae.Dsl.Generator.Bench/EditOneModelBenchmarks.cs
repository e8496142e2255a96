using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Vae.Dsl.Generator.Bench;

/// <summary>
/// The generator once warm, after one model file was edited: a driver already run once is re-run with the model's text
/// changed (its seed, alternately 2 and back to 1, so every run sees an edit). Alone: the driver holds only that
/// file. AmongAll: it holds every file of models/, and only this one changes.
/// </summary>
public class EditOneModelBenchmarks
{
    private readonly Compilation compilation = Drivers.EmptyCompilation();
    private Edits alone = null!;
    private Edits amongAll = null!;

    public static IEnumerable<string> Models => ModelFiles.Names;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var files = ModelFiles.LoadAll();
        var index = Array.IndexOf(ModelFiles.Names.ToArray(), Model);
        alone = new Edits(Drivers.Create([files[index]]).RunGenerators(compilation), files[index]);
        amongAll = new Edits(Drivers.Create(files).RunGenerators(compilation), files[index]);
    }

    [Benchmark]
    public GeneratorDriver Alone() => alone.RunNext(compilation);

    [Benchmark]
    public GeneratorDriver AmongAll() => amongAll.RunNext(compilation);

    /// <summary>A warm driver and one of its files, swapped with its edited text (and back) before each run.</summary>
    private sealed class Edits
    {
        private readonly AdditionalText original;
        private readonly AdditionalText edited;
        private AdditionalText current;
        private GeneratorDriver driver;

        public Edits(GeneratorDriver driver, AdditionalText original)
        {
            this.driver = driver;
            this.original = original;
            edited = ModelFiles.Edited(original);
            current = original;
        }

        public GeneratorDriver RunNext(Compilation compilation)
        {
            var next = ReferenceEquals(current, original) ? edited : original;
            driver = driver.ReplaceAdditionalText(current, next).RunGenerators(compilation);
            current = next;
            return driver;
        }
    }
}
