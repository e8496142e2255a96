using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Shouldly;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Parsing;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The generator's registries are the one source of the words a model file may use: each enum of
/// schema/vae-model.schema.json, and each key's row in the tables of docs/dsl.md, lists exactly the words of the
/// registry or vocabulary behind it, in its order. A failure names the place and the list to put there.
/// </summary>
public class SchemaRegistryTests
{
    private static readonly Lazy<JsonNode> Schema = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "vae-model.schema.json")))!);

    public static TheoryData<string, string[]> Enums() => new()
    {
        { "/properties/data/properties/values", Vocabulary.Values.AllWords.ToArray() },
        { "/properties/posterior/properties/family", PosteriorFamilies.Registry.Words.ToArray() },
        { "/properties/posterior/properties/scale", Vocabulary.Scale.AllWords.ToArray() },
        { "/properties/likelihood/properties/family", LikelihoodFamilies.Registry.Words.ToArray() },
        { "/properties/prior/properties/family", PriorFamilies.Registry.Words.ToArray() },
        { "/properties/objective/properties/estimator", Vocabulary.Estimator.AllWords.ToArray() },
        { "/properties/objective/properties/gradient", Vocabulary.Gradient.AllWords.ToArray() },
        { "/properties/objective/properties/kl", Vocabulary.Kl.AllWords.ToArray() },
        { "/properties/training/properties/optimizer", Vocabulary.Optimizer.AllWords.ToArray() },
        { "/properties/training/properties/binarize", Vocabulary.Binarize.AllWords.ToArray() },
        { "/properties/training/properties/on-non-finite", Vocabulary.OnNonFinite.AllWords.ToArray() },
        { "/$defs/activation", Vocabulary.Activation.AllWords.ToArray() },
        { "/$defs/network/properties/network", NetworkFamilies.Registry.Words.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Enums))]
    public void SchemaEnum_ListsTheRegistrysWords(string path, string[] words)
    {
        var listed = At(path)["enum"]!.AsArray().Select(word => (string)word!).ToArray();

        listed.ShouldBe(words, $"set {path}/enum in schema/vae-model.schema.json to [{string.Join(", ", words.Select(w => $"\"{w}\""))}]");
    }

    public static TheoryData<string, string, string[]> DocumentedKeys() => new()
    {
        { "data", "values", Vocabulary.Values.AllWords.ToArray() },
        { "encoder and decoder", "network", NetworkFamilies.Registry.Words.ToArray() },
        { "encoder and decoder", "activation", Vocabulary.Activation.AllWords.ToArray() },
        { "posterior", "family", PosteriorFamilies.Registry.Words.ToArray() },
        { "posterior", "scale", Vocabulary.Scale.AllWords.ToArray() },
        { "likelihood", "family", LikelihoodFamilies.Registry.Words.ToArray() },
        { "prior", "family", PriorFamilies.Registry.Words.ToArray() },
        { "objective", "estimator", Vocabulary.Estimator.AllWords.ToArray() },
        { "objective", "gradient", Vocabulary.Gradient.AllWords.ToArray() },
        { "objective", "kl", Vocabulary.Kl.AllWords.ToArray() },
        { "training", "optimizer", Vocabulary.Optimizer.AllWords.ToArray() },
        { "training", "binarize", Vocabulary.Binarize.AllWords.ToArray() },
        { "training", "on-non-finite", Vocabulary.OnNonFinite.AllWords.ToArray() },
    };

    [Theory]
    [MemberData(nameof(DocumentedKeys))]
    public void LanguageReference_ListsTheRegistrysWords(string section, string key, string[] words)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "dsl.md"));
        var heading = Array.IndexOf(lines, "### " + section);
        heading.ShouldBeGreaterThanOrEqualTo(0, $"docs/dsl.md has a section '### {section}'");
        var row = lines.Skip(heading + 1).TakeWhile(line => !line.StartsWith("#", StringComparison.Ordinal))
            .FirstOrDefault(line => line.StartsWith($"| `{key}` |", StringComparison.Ordinal));
        row.ShouldNotBeNull($"docs/dsl.md, section '{section}', has a row for '{key}'");

        // the second column: "| `key` | `word`, `word` | default | meaning |"
        var values = row.Split(" | ")[1];
        var listed = System.Text.RegularExpressions.Regex.Matches(values, "`([^`]+)`").Select(m => m.Groups[1].Value).ToArray();

        listed.ShouldBe(words, $"write the values of '{key}' in docs/dsl.md, section '{section}', as {string.Join(", ", words.Select(w => $"`{w}`"))}");
    }

    [Fact]
    public void TheRuntimesChoices_AreTheVocabularysWords_UnderTheGeneratorsNames()
    {
        // generated code writes OptimizerChoice.{the generator's name}; settings.json and the CLI show the word
        Enum.GetValues<Vae.Dsl.Training.OptimizerChoice>().Select(Vae.Dsl.Training.ChoiceWords.Of).ShouldBe(Vocabulary.Optimizer.AllWords, ignoreOrder: true);
        Enum.GetValues<Vae.Dsl.Training.Binarization>().Select(Vae.Dsl.Training.ChoiceWords.Of).ShouldBe(Vocabulary.Binarize.AllWords, ignoreOrder: true);
        Enum.GetValues<Vae.Dsl.Training.NonFiniteAction>().Select(Vae.Dsl.Training.ChoiceWords.Of).ShouldBe(Vocabulary.OnNonFinite.AllWords, ignoreOrder: true);
        Enum.GetNames<Vae.Dsl.Training.OptimizerChoice>().ShouldBe(Enum.GetNames<Specs.OptimizerKind>(), ignoreOrder: true);
        Enum.GetNames<Vae.Dsl.Training.Binarization>().ShouldBe(Enum.GetNames<Specs.Binarization>(), ignoreOrder: true);
        Enum.GetNames<Vae.Dsl.Training.NonFiniteAction>().ShouldBe(Enum.GetNames<Specs.NonFiniteAction>(), ignoreOrder: true);
        foreach (var kind in Enum.GetValues<Specs.OptimizerKind>())
        {
            Vae.Dsl.Training.ChoiceWords.Of(Enum.Parse<Vae.Dsl.Training.OptimizerChoice>(kind.ToString())).ShouldBe(Vocabulary.Optimizer.WordFor(kind));
        }
    }

    [Fact]
    public void EverySchemaEnumOfAModelKey_IsChecked()
    {
        // enums inside the rules (allOf, if/then, not) repeat some of these words on purpose; the keys' own are all here
        var checkedPaths = Enums().Select(row => (string)row[0]).ToHashSet();
        var keyEnums = EnumPaths(Schema.Value, string.Empty)
            .Where(path => !path.Contains("/allOf/", StringComparison.Ordinal) && !path.Contains("/$defs/rule-", StringComparison.Ordinal) && !path.Contains("/anyOf/", StringComparison.Ordinal));

        keyEnums.ShouldAllBe(path => checkedPaths.Contains(path), "add the enum's registry to SchemaRegistryTests.Enums");
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private static JsonNode At(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Schema.Value, (node, key) => node[key]!);

    private static IEnumerable<string> EnumPaths(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "enum" ? [path] : EnumPaths(p.Value, path + "/" + p.Key)),
        JsonArray a => a.SelectMany((item, i) => EnumPaths(item, path + "/" + i)),
        _ => [],
    };
}
