using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Vae.Dsl.Generator.Bench;

/// <summary>Generator drivers over model files, as the compiler creates them (the approach of the generator's tests).</summary>
internal static class Drivers
{
    /// <summary>
    /// An empty compilation: the generator reads only the AdditionalFiles and the build's options, never the
    /// compilation, so it needs no references.
    /// </summary>
    public static CSharpCompilation EmptyCompilation() => CSharpCompilation.Create(
        "GeneratedModels",
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>
    /// A driver of the generator over <paramref name="files"/>, not yet run. Only the quick check tracks the steps;
    /// the compiler does not, so the timed drivers do not either.
    /// </summary>
    public static GeneratorDriver Create(IEnumerable<AdditionalText> files, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            generators: [new VaeModelGenerator().AsSourceGenerator()],
            additionalTexts: files,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
}
