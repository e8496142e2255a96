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

    /// <summary>Each key with a closed list of words: its schema enum, its section of docs/dsl.md, and its registry.</summary>
    private static readonly (string SchemaPath, string Section, string Key, IEnumerable<string> Words)[] Keys =
    [
        ("/properties/data/properties/values", "data", "values", Vocabulary.Values.AllWords),
        ("/$defs/network/properties/network", "encoder and decoder", "network", NetworkFamilies.Registry.Words),
        ("/$defs/activation", "encoder and decoder", "activation", Vocabulary.Activation.AllWords),
        ("/properties/posterior/properties/family", "posterior", "family", PosteriorFamilies.Registry.Words),
        ("/properties/posterior/properties/scale", "posterior", "scale", Vocabulary.Scale.AllWords),
        ("/properties/likelihood/properties/family", "likelihood", "family", LikelihoodFamilies.Registry.Words),
        ("/properties/prior/properties/family", "prior", "family", PriorFamilies.Registry.Words),
        ("/properties/objective/properties/estimator", "objective", "estimator", Vocabulary.Estimator.AllWords),
        ("/properties/objective/properties/gradient", "objective", "gradient", Vocabulary.Gradient.AllWords),
        ("/properties/objective/properties/kl", "objective", "kl", Vocabulary.Kl.AllWords),
        ("/properties/training/properties/optimizer", "training", "optimizer", Vocabulary.Optimizer.AllWords),
        ("/properties/training/properties/binarize", "training", "binarize", Vocabulary.Binarize.AllWords),
        ("/properties/training/properties/on-non-finite", "training", "on-non-finite", Vocabulary.OnNonFinite.AllWords),
    ];

    public static TheoryData<string, string[]> Enums()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var key in Keys)
        {
            data.Add(key.SchemaPath, key.Words.ToArray());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void SchemaEnum_ListsTheRegistrysWords(string path, string[] words)
    {
        var listed = At(path)["enum"]!.AsArray().Select(word => (string)word!).ToArray();

        listed.ShouldBe(words, $"set {path}/enum in schema/vae-model.schema.json to [{string.Join(", ", words.Select(w => $"\"{w}\""))}]");
    }

    public static TheoryData<string, string, string[]> DocumentedKeys()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var key in Keys)
        {
            data.Add(key.Section, key.Key, key.Words.ToArray());
        }

        return data;
    }

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
