using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// Reads the keys of one YAML mapping (the whole file, or a section like <c>posterior</c>) as typed values.
/// Unknown keys are reported as soon as the section is opened; each typed read reports a missing key, a
/// wrong type or an out-of-range value at the node that caused it and then yields null.
/// </summary>
internal sealed class SectionReader
{
    private readonly ReadContext context;
    private readonly YamlMappingNode mapping;
    private readonly YamlNode anchor;
    private readonly string path;

    public SectionReader(ReadContext context, string path, YamlMappingNode mapping, YamlNode anchor, params string[] keys)
    {
        this.context = context;
        this.path = path;
        this.mapping = mapping;
        this.anchor = anchor;
        ReportUnknownKeys(keys);
    }

    /// <summary>How this section reads in messages: "posterior", or "the model" for the file itself.</summary>
    public string Name => path.Length == 0 ? "the model" : $"'{path}'";

    public ReadContext Context => context;

    public YamlNode? Node(string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public YamlNode KeyNode(string key) => mapping.Children.Keys.First(k => k is YamlScalarNode s && s.Value == key);

    public bool Has(string key) => Node(key) is not null;

    /// <summary>The dotted path of a key, for messages: "posterior.min-scale".</summary>
    public string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public SectionReader? Section(string key, bool required, string expected, params string[] keys)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                ReportMissing(key, expected);
            }

            return null;
        }

        if (node is not YamlMappingNode section)
        {
            context.Report(WrongType, node, PathOf(key), "a mapping of " + ReadContext.Join(keys.Select(k => $"'{k}'")), ReadContext.Describe(node));
            return null;
        }

        return new SectionReader(context, PathOf(key), section, KeyNode(key), keys);
    }

    public string? Text(string key, bool required, string expected)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                ReportMissing(key, expected);
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } value })
        {
            context.Report(WrongType, node, PathOf(key), expected, ReadContext.Describe(node));
            return null;
        }

        return value;
    }

    /// <summary>A word from <paramref name="vocabulary"/>; a null <paramref name="fallback"/> makes the key required.</summary>
    public T? Choice<T>(string key, Vocabulary<T> vocabulary, T? fallback)
        where T : struct
    {
        var node = Node(key);
        if (node is null)
        {
            if (fallback is null)
            {
                ReportMissing(key, "one of " + ReadContext.Join(vocabulary.AllWords));
            }

            return fallback;
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } word })
        {
            context.Report(WrongType, node, PathOf(key), "one of " + ReadContext.Join(vocabulary.AllWords), ReadContext.Describe(node));
            return null;
        }

        if (vocabulary.TryGet(word, out var value))
        {
            return value;
        }

        context.Report(UnknownChoice, node, vocabulary.What, word, ReadContext.Join(vocabulary.AllWords), Suggestions.DidYouMean(word, vocabulary.AllWords));
        return null;
    }

    /// <summary>
    /// The family the selector key names (required unless <paramref name="fallback"/> is given), read with its own
    /// options; keys that belong to other families of the registry are reported as not applying to this one.
    /// </summary>
    public TSpec? Family<TSpec, TEmitter>(FamilyRegistry<TSpec, TEmitter> registry, string? fallback = null)
        where TSpec : class
    {
        var key = registry.Selector;
        var node = Node(key);
        string word;
        if (node is null)
        {
            if (fallback is null)
            {
                ReportMissing(key, "one of " + ReadContext.Join(registry.Words));
                return null;
            }

            word = fallback;
        }
        else if (node is not YamlScalarNode { Value: { Length: > 0 } text })
        {
            context.Report(WrongType, node, PathOf(key), "one of " + ReadContext.Join(registry.Words), ReadContext.Describe(node));
            return null;
        }
        else
        {
            word = text;
        }

        var family = registry.Find(word);
        if (family is null)
        {
            context.Report(UnknownChoice, node!, registry.What, word, ReadContext.Join(registry.Words), Suggestions.DidYouMean(word, registry.Words));
            return null;
        }

        var misplaced = false;
        foreach (var other in registry.FamilyKeys)
        {
            if (Has(other) && !family.Keys.Contains(other))
            {
                context.Report(KeyNotForChoice, KeyNode(other), $"'{PathOf(other)}' does not apply to {registry.What} '{word}'");
                misplaced = true;
            }
        }

        var spec = family.Read(this);
        return misplaced ? null : spec;
    }

    /// <summary>An integer in [minimum, maximum]; a null <paramref name="fallback"/> makes the key required.</summary>
    public long? Integer(string key, long? fallback, long minimum, string rangeText, long maximum = int.MaxValue)
    {
        var node = Node(key);
        if (node is null)
        {
            if (fallback is null)
            {
                ReportMissing(key, rangeText);
            }

            return fallback;
        }

        return ReadInteger(node, PathOf(key), minimum, maximum, rangeText);
    }

    /// <summary>A finite number above (or at) minimum; a null <paramref name="fallback"/> makes the key required.</summary>
    public double? Number(string key, double? fallback, double minimum, bool minimumIncluded, string rangeText)
    {
        var node = Node(key);
        if (node is null)
        {
            if (fallback is null)
            {
                ReportMissing(key, rangeText);
            }

            return fallback;
        }

        if (!IsPlainScalar(node, out var text) ||
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
            double.IsNaN(value) || double.IsInfinity(value))
        {
            context.Report(WrongType, node, PathOf(key), "a number", ReadContext.Describe(node));
            return null;
        }

        if (value < minimum || (!minimumIncluded && value == minimum))
        {
            context.Report(OutOfRange, node, PathOf(key), rangeText, text);
            return null;
        }

        return value;
    }

    /// <summary>A list of integers, each at least <paramref name="minimum"/>; <paramref name="item"/> names one ("a positive integer").</summary>
    public IReadOnlyList<long>? IntegerList(string key, bool required, long minimum, string item, string list)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                ReportMissing(key, list);
            }

            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            context.Report(WrongType, node, PathOf(key), list, ReadContext.Describe(node));
            return null;
        }

        var values = new List<long>();
        var valid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var value = ReadInteger(sequence.Children[i], $"{PathOf(key)}[{i}]", minimum, int.MaxValue, item);
            valid &= value is not null;
            values.Add(value ?? 0);
        }

        return valid ? values : null;
    }

    public void ReportMissing(string key, string expected) =>
        context.Report(MissingKey, context.Locate(anchor), path.Length == 0 ? "the model" : $"'{path}'", key, expected);

    private long? ReadInteger(YamlNode node, string where, long minimum, long maximum, string rangeText)
    {
        if (!IsPlainScalar(node, out var text) ||
            !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            context.Report(WrongType, node, where, "an integer", ReadContext.Describe(node));
            return null;
        }

        if (value < minimum || value > maximum)
        {
            context.Report(OutOfRange, node, where, rangeText, text);
            return null;
        }

        return value;
    }

    /// <summary>Numbers are plain scalars: a quoted "10" is text, not a number.</summary>
    private static bool IsPlainScalar(YamlNode node, out string text)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { Length: > 0 } value })
        {
            text = value;
            return true;
        }

        text = string.Empty;
        return false;
    }

    private void ReportUnknownKeys(string[] keys)
    {
        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                context.Report(WrongType, key, "a key in " + Name, "a word", ReadContext.Describe(key));
                continue;
            }

            if (Array.IndexOf(keys, name) < 0)
            {
                context.Report(UnknownKey, key, name, Name, ReadContext.Join(keys), Suggestions.DidYouMean(name, keys));
            }
        }
    }
}
