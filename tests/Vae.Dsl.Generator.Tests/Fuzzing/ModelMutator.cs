using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Vae.Dsl.Generator.Tests.Fuzzing;

/// <summary>
/// Turns a model file into a hostile variant, one to three mutations at a time, from a seeded random source: byte
/// flips, deleted, duplicated and swapped lines, values of the wrong type, extreme numbers, deep nesting, aliases
/// (self-referencing and expanding), unicode and reserved names, and truncation.
/// </summary>
internal sealed class ModelMutator(Random random)
{
    private static readonly string[] WrongValues =
    [
        "[1, 2]", "{ a: 1 }", "\"10\"", "~", "true", "-1", "0", "1.5", "''", "[]", "{}", "!!binary AAAA", "&a 1", "*a",
        "\"\\u0000\"", "|\n  two\n  lines", ">-\n  folded", "? complex\n: key",
    ];

    private static readonly string[] ExtremeNumbers =
    [
        "1e308", "-1e308", "1e-320", "NaN", ".nan", ".inf", "-.inf", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "2147483648", "4294967296", "0x7fffffff", "0o777", "1_000_000", "0.0000000001", "-0",
        "99999999999999999999999999999",
    ];

    private static readonly string[] Names =
    [
        "class", "Tensor", "Module", "System", "VaeModelCatalog", "Posterior", "Elbo", "lowercase", "_", "@class", "Ünïcödé",
        "名前", "Model\u200B", "A\u0301", "\U0001F600", "nameof", "var", "global", "Vae", "TorchSharp", "x", "A.B", "a b",
        "Object", "Math", "Parameter", "FashionMnistVae", "fashionmnistvae",
    ];

    private static readonly Regex Scalar = new(@"(?<=:\s*)[^\s\[\]{},#][^\[\]{},#\n]*|(?<=[\[,]\s*)[^\s\[\]{},#][^\[\]{},#\n]*", RegexOptions.Compiled);

    private static readonly Regex Number = new(@"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])", RegexOptions.Compiled);

    public string Mutate(string text)
    {
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            text = random.Next(12) switch
            {
                0 => FlipCharacter(text),
                1 => EditLines(text, lines => lines.RemoveAt(random.Next(lines.Count))),
                2 => EditLines(text, lines => lines.Insert(random.Next(lines.Count), lines[random.Next(lines.Count)])),
                3 => EditLines(text, Swap),
                4 => ReplaceMatch(text, Scalar, WrongValues),
                5 => ReplaceMatch(text, Number, ExtremeNumbers),
                6 => ReplaceMatch(text, Scalar, [Nested()]),
                7 => AddAliases(text),
                8 => Rename(text),
                9 => text[..random.Next(text.Length + 1)],
                10 => InsertNoise(text),
                _ => ReplaceMatch(text, Number, [random.Next(-3, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            };
        }

        return text;
    }

    private string FlipCharacter(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var alphabet = ":-[]{},#&*!|>'\"%@` \t\r\n\0\u00A0\uFEFF\uD800é9aZ";
        var position = random.Next(text.Length);
        return text[..position] + alphabet[random.Next(alphabet.Length)] + text[(position + 1)..];
    }

    private static string EditLines(string text, Action<List<string>> edit)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0)
        {
            edit(lines);
        }

        return string.Join("\n", lines);
    }

    private void Swap(List<string> lines)
    {
        var (i, j) = (random.Next(lines.Count), random.Next(lines.Count));
        (lines[i], lines[j]) = (lines[j], lines[i]);
    }

    private string ReplaceMatch(string text, Regex pattern, IReadOnlyList<string> replacements)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[random.Next(matches.Count)];
        return text[..match.Index] + replacements[random.Next(replacements.Count)] + text[(match.Index + match.Length)..];
    }

    private string Nested()
    {
        var depth = 1 + random.Next(300);
        return random.Next(2) == 0
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{ a: ", depth)) + "1" + new string('}', depth);
    }

    private string AddAliases(string text)
    {
        var builder = new StringBuilder(text).Append('\n');
        switch (random.Next(3))
        {
            case 0:
                builder.Append("extra: &self [1, *self]\n");
                break;
            case 1:
                builder.Append("l0: &l0 [a, a, a, a, a, a, a, a]\n");
                for (var level = 1; level < 2 + random.Next(10); level++)
                {
                    builder.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat("*l" + (level - 1), 8))}]\n");
                }

                break;
            default:
                builder.Append("shared: &shared { hidden: [8] }\nencoder: *shared\n");
                break;
        }

        return builder.ToString();
    }

    private string Rename(string text)
    {
        var name = Names[random.Next(Names.Length)];
        return random.Next(2) == 0
            ? Regex.Replace(text, @"(?m)^model:.*$", "model: " + name)
            : Regex.Replace(text, @"(?m)^namespace:.*$", "namespace: " + name + "." + Names[random.Next(Names.Length)]);
    }

    private string InsertNoise(string text)
    {
        var position = random.Next(text.Length + 1);
        var noise = random.Next(4) switch
        {
            0 => "\n---\n",
            1 => "\n%YAML 1.2\n",
            2 => "\n" + new string(' ', random.Next(40)) + "key: value\n",
            _ => "\n" + string.Concat(Enumerable.Repeat("- ", 1 + random.Next(50))) + "x\n",
        };
        return text[..position] + noise + text[position..];
    }
}
