using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Shouldly;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Parsing;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The code each family (and each other per-model part: the bounds, the objective, the trainer) contributes, pinned
/// one approved file per part in Snapshots/Families/: a change to one family's emitter is one diff, in that family's
/// file. Every model of the corpora (models/, good/, runtime/) gives its parts, and a part's file keeps each member
/// (field group, construction, method) once per shape of code, where two members differing only in their numbers
/// (widths, constants) or the model's name have the same shape; a comment names the model each first came from.
/// </summary>
public class FamilyCodeTests
{
    public static TheoryData<string> Parts() => new(Examples().Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Parts))]
    public void FamilyCode_MatchesApprovedSnapshot(string part)
    {
        var examples = Examples()[part];
        var text = string.Join("\n", examples.Select(e => $"// {e.Model}\n{e.Code.Trim('\n')}\n"));
        text.ShouldMatchApproved(options => options.SubFolder("Snapshots/Families").WithDiscriminator(part).WithFileExtension("cs").NoDiff());
    }

    [Fact]
    public void EveryFamilyOfEveryRegistry_HasItsOwnFile()
    {
        var parts = Examples().Keys.ToHashSet();
        var expected = PosteriorFamilies.Registry.Words.Select(w => "posterior." + w)
            .Concat(LikelihoodFamilies.Registry.Words.Select(w => "likelihood." + w))
            .Concat(PriorFamilies.Registry.Words.Select(w => "prior." + w))
            .Concat(NetworkFamilies.Registry.Words.SelectMany(w => new[] { "encoder." + w, "decoder." + w }));
        expected.Where(p => !parts.Contains(p)).ShouldBeEmpty();
    }

    /// <summary>Every part's members, one per shape of code, grouped by the model they first came from, in corpus order.</summary>
    private static Dictionary<string, List<(string Model, string Code)>> Examples()
    {
        var examples = new Dictionary<string, List<(string Model, string Code)>>();
        var shapes = new HashSet<(string Part, string Shape)>();
        foreach (var path in SnapshotTests.CorpusPaths())
        {
            var file = GeneratorHarness.CorpusFile(path);
            var model = ModelParser.Parse(new ModelFile(file.Path, file.Text), null, CancellationToken.None).Model.ShouldNotBeNull(path);
            foreach (var (part, code) in PartsOf(model))
            {
                // members are separated by blank lines
                var members = code.Split("\n\n").Select(m => m.Trim('\n')).Where(m => m.Length > 0 && shapes.Add((part, Shape(m, model))));
                var news = string.Join("\n\n", members);
                if (news.Length > 0)
                {
                    (examples.TryGetValue(part, out var list) ? list : examples[part] = []).Add((path, news));
                }
            }
        }

        return examples;
    }

    /// <summary>The code of each of a model's parts, as its emitter writes it.</summary>
    private static IEnumerable<(string Part, string Code)> PartsOf(ModelSpec model)
    {
        var parts = ModelParts.For(model);
        yield return ("encoder." + NetworkFamilies.Registry.WordFor(model.Encoder), Family(parts.Encoder));
        yield return ("posterior." + PosteriorFamilies.Registry.WordFor(model.Posterior), Family(parts.Posterior));
        yield return ("decoder." + NetworkFamilies.Registry.WordFor(model.Decoder), Family(parts.Decoder));
        yield return ("likelihood." + LikelihoodFamilies.Registry.WordFor(model.Likelihood), Family(parts.Likelihood));
        yield return ("prior." + PriorFamilies.Registry.WordFor(model.Prior), Family(parts.Prior));
        if (parts.Kl is not null)
        {
            yield return ($"kl.{PosteriorFamilies.Registry.WordFor(model.Posterior)}.{PriorFamilies.Registry.WordFor(model.Prior)}", Written(w => parts.Kl.WriteMembers(w)));
        }

        yield return ("bounds", Written(w =>
        {
            ModuleEmitter.WriteElbo(w, model, parts);
            ModuleEmitter.WriteIwae(w, model, parts);
        }));
        yield return ("trainer", Written(w => TrainerEmitter.WriteTraining(w, model, parts)));
    }

    private static string Family(IFamilyEmitter emitter) => Written(w =>
    {
        emitter.WriteFields(w);
        w.Line();
        w.Line("// in the constructor:");
        emitter.WriteConstruction(w);
        w.Line();
        emitter.WriteMembers(w);
    });

    private static string Written(Action<SourceWriter> write)
    {
        var w = new SourceWriter();
        write(w);
        return w.ToString();
    }

    /// <summary>The code with the model's names and every number made alike: what two examples of one shape share.</summary>
    private static string Shape(string code, ModelSpec model) =>
        Regex.Replace(code.Replace(model.TrainerName, "Trainer").Replace(model.Name, "Model"), @"\b\d+(\.\d+)?([eE][-+]?\d+)?\b", "0");
}
