using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Vae.Dsl.Generator.Tests.Fuzzing;

/// <summary>
/// Turns a model file into a hostile variant, one to three mutations at a time, from a seeded random source: byte
/// flips, deleted, duplicated and swapped lines, values of the wrong type, extreme numbers, deep nesting, aliases
/// (self-referencing and expanding), unicode and reserved names, and truncation; model and namespace names taken from
/// the generated code's own names (<see cref="GeneratedCodeNames"/>); every line terminator C# or YAML knows, in
/// every position; and raw control characters, noncharacters, lone surrogates and Latin-1 bytes. Two or three files
/// at once are mutated each on its own (<see cref="MutateFiles"/>) or made to collide with each other's names
/// (<see cref="CollideFiles"/>).
/// </summary>
internal sealed class ModelMutator(Random random, GeneratedCodeNames codeNames)
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

    /// <summary>
    /// Characters C# ignores inside an identifier (Unicode category Cf: 'A\u00ADB' is the identifier 'AB'). U+200B, the
    /// zero-width space, is often taken for a space; it is tried like the others.
    /// </summary>
    private static readonly string[] FormattingCharacters = ["\u00AD", "\u200D", "\u200C", "\u2060", "\uFEFF", "\u200B"];

    /// <summary>An accented letter composed (one character) and decomposed (letter and combining mark), pairwise.</summary>
    private static readonly (string Composed, string Decomposed)[] Accents =
    [
        ("\u00C1", "A\u0301"), ("\u00E9", "e\u0301"), ("\u00C5", "A\u030A"), ("\u212B", "A\u030A"), ("\u00D1", "N\u0303"),
        ("\u1EC6", "E\u0323\u0302"),
    ];

    /// <summary>Every line terminator of C# (and so of Roslyn's line counting): the YAML ones, and U+0085, U+2028, U+2029.</summary>
    private static readonly string[] LineTerminators = ["\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"];

    /// <summary>Line breaks as escapes inside a double-quoted YAML string ('\L' is U+2028, '\P' U+2029, '\N' U+0085).</summary>
    private static readonly string[] EscapedLineBreaks = [@"\n", @"\r", @"\r\n", @"\N", @"\L", @"\P", @"\u2028", @"\u2029", @"\x85", @"\u0085", @"\U00002028"];

    private static readonly Regex Scalar = new(@"(?<=:\s*)[^\s\[\]{},#][^\[\]{},#\n]*|(?<=[\[,]\s*)[^\s\[\]{},#][^\[\]{},#\n]*", RegexOptions.Compiled);

    private static readonly Regex Number = new(@"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])", RegexOptions.Compiled);

    /// <summary>A line that is one 'key: value' pair: indentation (and list dash), key, separator, value.</summary>
    private static readonly Regex KeyLine = new(@"^(?<indent>[ \t]*(- )?)(?<key>[A-Za-z][\w-]*)(?<colon>:[ \t]*)(?<value>.*)$", RegexOptions.Compiled);

    public string Mutate(string text)
    {
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            text = random.Next(20) switch
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
                11 => ReplaceMatch(text, Number, [random.Next(-3, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)]),
                12 or 13 or 14 => RenameAfterGeneratedCode(text),
                15 => ChangeLineBreaks(text),
                16 => BreakDescription(text),
                17 => NoiseAroundError(text, LineBreaks()),
                18 => InsertAt(text, random.Next(text.Length + 1), RawCharacters()),
                _ => NoiseAroundError(text, RawCharacters()),
            };
        }

        return text;
    }

    /// <summary>Two or three files for one compilation, each mutated on its own.</summary>
    public string[] MutateFiles(IReadOnlyList<string> texts) => texts.Select(Mutate).ToArray();

    /// <summary>
    /// Two or three files for one compilation whose later files take a name that collides with the first file's
    /// (<see cref="Collide"/>). Each file is mutated further only now and then, so most of these inputs stay valid up
    /// to the collision; any of them may end up first.
    /// </summary>
    public string[] CollideFiles(IReadOnlyList<string> texts)
    {
        var files = texts.ToArray();
        for (var i = 1; i < files.Length; i++)
        {
            (files[0], files[i]) = Collide(files[0], files[i]);
        }

        files = files.Select(text => random.Next(4) == 0 ? Mutate(text) : text).ToArray();
        var first = random.Next(files.Length);
        (files[0], files[first]) = (files[first], files[0]);
        return files;
    }

    /// <summary>
    /// A model name, a namespace or both, from the names the generated code declares, uses or inherits; or the full
    /// name of a type it declares (the catalog, say) in another case, for the generated files' names, which the
    /// compiler compares ignoring case.
    /// </summary>
    public string RenameAfterGeneratedCode(string text) => random.Next(4) switch
    {
        0 => SetKey(text, "model", Disguise(CodeName())),
        1 => SetKey(text, "namespace", CodeNamespace()),
        2 => SetKey(SetKey(text, "model", Disguise(CodeName())), "namespace", CodeNamespace()),
        _ => AsDeclaredTypeInOtherCase(text),
    };

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

    /// <summary>The model's namespace and name made the full name of a type the generated code declares, in another case.</summary>
    private string AsDeclaredTypeInOtherCase(string text)
    {
        var type = Pick(codeNames.Types);
        var dot = type.LastIndexOf('.');
        var (ns, name) = (type[..dot], type[(dot + 1)..]);
        (ns, name) = random.Next(3) switch
        {
            0 => (ns, OtherCase(name)),
            1 => (OtherCase(ns), name),
            _ => (OtherCase(ns), OtherCase(name)),
        };
        return SetKey(SetKey(text, "model", name), "namespace", ns);
    }

    /// <summary>A name the generated code uses (declares or refers to), or one it inherits from a base type.</summary>
    private string CodeName() => random.Next(2) == 0 ? Pick(codeNames.Used) : Pick(codeNames.Inherited);

    /// <summary>
    /// A namespace from the generated code's names: one it declares or imports (as it is, or in another case), the full
    /// name of a type it declares, or one to three of its identifiers joined, some disguised (<see cref="Disguise"/>).
    /// </summary>
    private string CodeNamespace() => random.Next(5) switch
    {
        0 => Pick(codeNames.Namespaces),
        1 => OtherCase(Pick(codeNames.Namespaces)),
        2 => Pick(codeNames.Types),
        3 => Pick(codeNames.Namespaces) + "." + Disguise(CodeName()),
        _ => string.Join(".", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(2) == 0 ? CodeName() : Disguise(CodeName()))),
    };

    /// <summary>
    /// The name as a model would be named after it (upper-case first, as model names must be), or in another case, or
    /// with a character C# ignores inside it, an accent composed or decomposed, 'Trainer' after it, or as it is.
    /// </summary>
    private string Disguise(string name) => random.Next(8) switch
    {
        0 or 1 or 2 => UpperFirst(name),
        3 => OtherCase(name),
        4 => name,
        5 => WithFormattingCharacter(UpperFirst(name)),
        6 => WithAccent(UpperFirst(name), composed: random.Next(2) == 0).Text,
        _ => UpperFirst(name) + "Trainer",
    };

    /// <summary>The name all upper-case, all lower-case, or with the case of one letter (not the first) changed.</summary>
    private string OtherCase(string name) => random.Next(3) switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.ToLowerInvariant(),
        _ => ToggleCase(name),
    };

    /// <summary>
    /// Gives the second file a model name or namespace that collides with the first file's, the way two models in one
    /// compilation can: the same name; the first's trainer name; the same name but for a character C# ignores, for
    /// case, or for a composed versus a decomposed accent; a namespace equal to the first's model full name, or a type
    /// whose full name is the first's namespace; the catalog's name, in any case (in its namespace or the first's); the
    /// full name of any type the generated code declares.
    /// </summary>
    private (string First, string Second) Collide(string first, string second)
    {
        if (ReadKey(first, "model") is not { Length: > 0 } name)
        {
            name = Disguise(CodeName());
            first = SetKey(first, "model", name);
        }

        var ns = ReadKey(first, "namespace");
        string? secondNamespace = ns;
        string? secondName = null;
        switch (random.Next(10))
        {
            case 0:
                secondName = name;
                break;
            case 1:
                secondName = name + "Trainer";
                break;
            case 2:
                secondName = WithFormattingCharacter(name);
                if (random.Next(2) == 0)
                {
                    (first, secondName) = (SetKey(first, "model", secondName), name);
                }

                break;
            case 3:
                secondName = random.Next(4) == 0 ? UpperFirst(name.ToLowerInvariant()) + "Trainer" : OtherCase(name);
                break;
            case 4:
                var (composed, position) = WithAccent(name, composed: true);
                first = SetKey(first, "model", composed);
                secondName = Decompose(composed, position);
                break;
            case 5:
                ns ??= Pick(codeNames.Namespaces);
                first = SetKey(first, "namespace", ns);
                secondNamespace = ns + "." + (random.Next(4) == 0 ? name + "Trainer" : name);
                secondName = ReadKey(second, "model");
                break;
            case 6:
                ns ??= Pick(codeNames.Namespaces) + "." + Disguise(CodeName());
                first = SetKey(first, "namespace", ns);
                var lastDot = ns.LastIndexOf('.');
                (secondNamespace, secondName) = lastDot < 0 ? (ns + "." + name, name) : (ns[..lastDot], ns[(lastDot + 1)..]);
                break;
            case 7:
                secondName = random.Next(2) == 0 ? "VaeModelCatalog" : OtherCase("VaeModelCatalog");
                secondNamespace = random.Next(2) == 0 ? ns : CatalogNamespace();
                break;
            case 8:
                var type = Pick(codeNames.Types);
                var dot = type.LastIndexOf('.');
                (secondNamespace, secondName) = random.Next(2) == 0 ? (type[..dot], type[(dot + 1)..]) : (type, ReadKey(second, "model"));
                break;
            default:
                secondNamespace = ns is null ? null : Disguise(ns);
                secondName = name;
                break;
        }

        second = secondName is null ? second : SetKey(second, "model", secondName);
        second = secondNamespace is null ? RemoveKey(second, "namespace") : SetKey(second, "namespace", secondNamespace);
        return (first, second);
    }

    /// <summary>The namespace of the generated catalog (the type 'VaeModelCatalog' among the declared types).</summary>
    private string? CatalogNamespace() =>
        codeNames.Types.FirstOrDefault(t => t.EndsWith(".VaeModelCatalog", StringComparison.Ordinal)) is { } catalog
            ? catalog[..catalog.LastIndexOf('.')]
            : null;

    /// <summary>The name with a character C# ignores in identifiers (<see cref="FormattingCharacters"/>) inside it.</summary>
    private string WithFormattingCharacter(string name)
    {
        var position = name.Length <= 1 ? name.Length : 1 + random.Next(name.Length - 1);
        return name.Insert(position, Pick(FormattingCharacters));
    }

    /// <summary>An accented letter, composed or decomposed, inserted into the name; returns where it went too.</summary>
    private (string Text, int Position) WithAccent(string name, bool composed)
    {
        var position = name.Length <= 1 ? name.Length : 1 + random.Next(name.Length - 1);
        var accent = Accents[random.Next(Accents.Length)];
        return (name.Insert(position, composed ? accent.Composed : accent.Decomposed), position);
    }

    /// <summary>The name with the composed letter at the position (from <see cref="WithAccent"/>) decomposed.</summary>
    private static string Decompose(string name, int position)
    {
        var accent = Accents.First(a => string.CompareOrdinal(name, position, a.Composed, 0, a.Composed.Length) == 0);
        return name[..position] + accent.Decomposed + name[(position + accent.Composed.Length)..];
    }

    /// <summary>The name with the case of one of its letters (not the first) changed; all lower-case without one.</summary>
    private string ToggleCase(string name)
    {
        var letters = Enumerable.Range(1, Math.Max(0, name.Length - 1)).Where(i => char.IsLetter(name[i])).ToArray();
        if (letters.Length == 0)
        {
            return name.ToLowerInvariant();
        }

        var i = letters[random.Next(letters.Length)];
        var c = name[i];
        return name[..i] + (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) + name[(i + 1)..];
    }

    private static string UpperFirst(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>
    /// Replaces the file's '\n' line breaks by other line terminators: all by one of them, each by a random one (mixed,
    /// '\n' included), or some of them only.
    /// </summary>
    private string ChangeLineBreaks(string text)
    {
        var mode = random.Next(3);
        var single = LineTerminators[1 + random.Next(LineTerminators.Length - 1)];
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c != '\n' ? c.ToString() : mode switch
            {
                0 => single,
                1 => Pick(LineTerminators),
                _ => random.Next(4) == 0 ? Pick(LineTerminators) : "\n",
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// A description with a line break in it: raw in a plain, single-quoted, double-quoted or block scalar, or escaped
    /// in a double-quoted one ("a\Lb"); three times in four a wrong key or value follows, after the break or on the
    /// next line, so a diagnostic falls after it.
    /// </summary>
    private string BreakDescription(string text)
    {
        var raw = Pick(LineTerminators);
        var value = random.Next(6) switch
        {
            0 => $"a{raw}b",
            1 => $"\"a{Pick(EscapedLineBreaks)}b\"",
            2 => $"\"a{raw}b\"",
            3 => $"'a{raw}b'",
            4 => $"|\n  a{raw}  b",
            _ => $"\"a{Pick(EscapedLineBreaks)}b{raw}c{Pick(EscapedLineBreaks)}\"",
        };
        value += random.Next(4) switch
        {
            0 => raw + "unknown-key: 1",
            1 => "\nunknown-key: 1",
            2 => "\nlatent: { size: 0 }",
            _ => string.Empty,
        };
        return SetKey(text, "description", value);
    }

    /// <summary>One to three line terminators, any of them.</summary>
    private string LineBreaks() => string.Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(LineTerminators)));

    /// <summary>
    /// One to eight raw characters: C0 and C1 controls (U+0000-U+001F, U+007F-U+009F), the noncharacters U+FFFE and
    /// U+FFFF, lone high and low surrogates, the byte-order mark, or random bytes read as Latin-1.
    /// </summary>
    private string RawCharacters()
    {
        var builder = new StringBuilder();
        for (var i = 1 + random.Next(8); i > 0; i--)
        {
            switch (random.Next(8))
            {
                case 0:
                    builder.Append((char)random.Next(0x00, 0x20));
                    break;
                case 1:
                    builder.Append((char)random.Next(0x7F, 0xA0));
                    break;
                case 2:
                    builder.Append(random.Next(2) == 0 ? '\uFFFE' : '\uFFFF');
                    break;
                case 3:
                    builder.Append((char)random.Next(0xD800, 0xDC00));
                    break;
                case 4:
                    builder.Append((char)random.Next(0xDC00, 0xE000));
                    break;
                case 5:
                    builder.Append('\uFEFF');
                    break;
                default:
                    var bytes = new byte[1 + random.Next(8)];
                    random.NextBytes(bytes);
                    builder.Append(Encoding.Latin1.GetString(bytes));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Makes one 'key: value' line wrong (its key misspelt, its value of the wrong type, or an unknown key on a new line
    /// before it) and puts the noise right next to the error: before the line, before its key, before its value, at
    /// the end of the line before it, or after it. The diagnostic then falls on a line, or at a column, after the noise.
    /// </summary>
    private string NoiseAroundError(string text, string noise)
    {
        var lines = text.Split('\n').ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => KeyLine.IsMatch(lines[i])).ToArray();
        if (candidates.Length == 0)
        {
            return InsertAt(text, random.Next(text.Length + 1), noise) + "\nunknown-key: 1";
        }

        var index = candidates[random.Next(candidates.Length)];
        var match = KeyLine.Match(lines[index]);
        var (indent, key, colon, value) = (match.Groups["indent"].Value, match.Groups["key"].Value, match.Groups["colon"].Value, match.Groups["value"].Value);
        switch (random.Next(3))
        {
            case 0:
                key += "x";
                break;
            case 1:
                value = random.Next(2) == 0 ? Pick(WrongValues) : Pick(ExtremeNumbers);
                break;
            default:
                lines.Insert(index, indent + "unknown-key: 1");
                (key, colon, value) = ("unknown-key", ": ", "1");
                break;
        }

        var placement = random.Next(5);
        lines[index] = placement switch
        {
            0 => noise + indent + key + colon + value,
            1 => indent + noise + key + colon + value,
            2 => indent + key + colon + noise + value,
            3 => indent + key + colon + value + noise,
            _ => indent + key + colon + value,
        };
        if (placement == 4)
        {
            lines[Math.Max(0, index - 1)] += noise;
        }

        return string.Join("\n", lines);
    }

    private static string InsertAt(string text, int position, string insertion) => text[..position] + insertion + text[position..];

    /// <summary>The value of a top-level key, as written on its line (trimmed), or null without one.</summary>
    private static string? ReadKey(string text, string key)
    {
        var match = Regex.Match(text, $@"(?m)^{key}:[ \t]*(?<value>[^\r\n]*?)[ \t]*\r?$");
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>Sets a top-level key's value on its first line, or adds the key at the top of the file.</summary>
    private static string SetKey(string text, string key, string value)
    {
        var pattern = new Regex($@"(?m)^{key}:[^\n]*$");
        return pattern.IsMatch(text) ? pattern.Replace(text, _ => key + ": " + value, 1) : key + ": " + value + "\n" + text;
    }

    private static string RemoveKey(string text, string key) => Regex.Replace(text, $@"(?m)^{key}:[^\n]*\n?", string.Empty);

    private T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];
}
