using System.Collections.Generic;
using System.IO;
using System.Linq;
using Shouldly;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The emitted source of every shipped model (models/), every good test model and every run-time test model (one per
/// family at least), pinned by one approved file
/// per model in Snapshots/: a change in the generated math shows up in review as a diff of these files.
/// </summary>
public class SnapshotTests
{
    /// <summary>Every pinned model, as "folder/file.vae.yaml" under the test corpus.</summary>
    public static IEnumerable<string> ModelPaths() =>
        new[] { "models", "good", "runtime" }.SelectMany(folder => GeneratorHarness.CorpusFiles(folder).Select(f => folder + "/" + f));

    public static TheoryData<string> Models() => new(ModelPaths());

    [Theory]
    [MemberData(nameof(Models))]
    public void EmittedSource_MatchesApprovedSnapshot(string model)
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CorpusFile(model));

        result.Diagnostics.ShouldBeEmpty();
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName != CatalogEmitter.HintName).SourceText.ToString();
        var name = model.Replace(".vae.yaml", string.Empty).Replace('/', '.');
        source.ShouldMatchApproved(options => options.SubFolder("Snapshots").WithDiscriminator(name).WithFileExtension("cs").NoDiff());
    }
}
