using System.IO;
using System.Linq;
using Shouldly;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The emitted source of every shipped model (models/) and every good test model, pinned by one approved file
/// per model in Snapshots/: a change in the generated math shows up in review as a diff of these files.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> Models() =>
        new(GeneratorHarness.CorpusFiles("models").Select(f => "models/" + f)
            .Concat(GeneratorHarness.CorpusFiles("good").Select(f => "good/" + f)));

    [Theory]
    [MemberData(nameof(Models))]
    public void EmittedSource_MatchesApprovedSnapshot(string model)
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CorpusFile(model));

        result.Diagnostics.ShouldBeEmpty();
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName != CatalogEmitter.HintName).SourceText.ToString();
        var name = Path.GetFileName(model).Replace(".vae.yaml", string.Empty);
        source.ShouldMatchApproved(options => options.SubFolder("Snapshots").WithDiscriminator(name).WithFileExtension("cs").NoDiff());
    }
}
