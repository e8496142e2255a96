using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vae.Dsl.Generator.Tests.Infrastructure;

namespace Vae.Dsl.Generator.Bench;

/// <summary>The repository's models/*.vae.yaml (copied beside the program), as the compiler hands them to the generator.</summary>
internal static class ModelFiles
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The model files' names without ".vae.yaml", e.g. "fashion-mnist", in ordinal order.</summary>
    public static IReadOnlyList<string> Names { get; } = Directory.GetFiles(Folder, "*" + VaeModelGenerator.ModelFileExtension)
        .Select(path => Path.GetFileName(path)[..^VaeModelGenerator.ModelFileExtension.Length])
        .OrderBy(name => name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>One model file, by its name without ".vae.yaml", as an AdditionalFiles item.</summary>
    public static AdditionalText Load(string name)
    {
        var path = Path.Combine(Folder, name + VaeModelGenerator.ModelFileExtension);
        return new InMemoryAdditionalText(path, File.ReadAllText(path));
    }

    /// <summary>Every model file, in <see cref="Names"/>' order.</summary>
    public static AdditionalText[] LoadAll() => Names.Select(Load).ToArray();

    /// <summary>
    /// The same file with its model changed: the training seed 1 becomes 2 (every model of models/ has one), so the
    /// edited model parses to a different model and its source is emitted anew, as after a real edit.
    /// </summary>
    public static AdditionalText Edited(AdditionalText file)
    {
        var text = file.GetText()!.ToString();
        const string Seed = "seed: 1";
        var at = text.IndexOf(Seed, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(Seed, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"{file.Path} does not have exactly one '{Seed}' to edit");
        }

        return new InMemoryAdditionalText(file.Path, text.Replace(Seed, "seed: 2", StringComparison.Ordinal));
    }
}
