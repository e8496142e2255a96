using System.Collections.Generic;
using System.IO;
using System.Linq;
using Shouldly;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The emitted source of every shipped model (models/), pinned by one approved file per model in Snapshots/: the
/// code users read, whole. The code of each family, for every model of the test corpora too, is pinned part by part
/// by <see cref="FamilyCodeTests"/>.
/// </summary>
public class SnapshotTests
{
    /// <summary>Every model of the corpora, as "folder/file.vae.yaml": the shipped models, the good test models and the run-time test models.</summary>
    public static IEnumerable<string> CorpusPaths() =>
        new[] { "models", "good", "runtime" }.SelectMany(folder => GeneratorHarness.CorpusFiles(folder).Select(f => folder + "/" + f));

    public static TheoryData<string> Models() => new(GeneratorHarness.CorpusFiles("models").Select(f => "models/" + f));

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
