using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// schema/vae-model.schema.json, the JSON Schema editors use for *.vae.yaml files: every model file of the
/// repository validates against it, and documents with one known mistake each fail at that mistake's key.
/// </summary>
/// <remarks>
/// The schema is checked by <see cref="SchemaValidator"/>, a validator of the JSON Schema 2020-12 keywords the
/// schema uses, which refuses any other keyword, so the schema cannot come to rely on one nobody checks.
/// (JsonSchema.Net cannot be restored from the package feed: its dependency JsonPointer.Net is not there.)
/// </remarks>
public class SchemaTests
{
    /// <summary>A valid model that each invalid case below breaks in one place.</summary>
    private const string BaseModel = """
        model: SchemaVae
        data: { features: 4 }
        latent: { size: 2 }
        encoder: { hidden: [3] }
        posterior: { family: gaussian-diagonal }
        decoder: { hidden: [3] }
        likelihood: { family: bernoulli }
        """;

    private static readonly Lazy<SchemaValidator> Validator = new(() =>
        new SchemaValidator(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "vae-model.schema.json")))!));

    public static TheoryData<string> ModelFiles() =>
        new(GeneratorHarness.CorpusFiles("models").Select(f => "models/" + f)
            .Concat(GeneratorHarness.CorpusFiles("good").Select(f => "good/" + f)));

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void ModelFile_ValidatesAgainstTheSchema(string relativePath)
    {
        var (_, text) = GeneratorHarness.CorpusFile(relativePath);

        var errors = Validator.Value.Validate(YamlToJson.Convert(text));

        errors.ShouldBeEmpty(string.Join("\n", errors));
    }

    [Fact]
    public void BaseModel_ValidatesAgainstTheSchema() => Validator.Value.Validate(YamlToJson.Convert(BaseModel)).ShouldBeEmpty();

    /// <summary>Each row: what is wrong, the edits to <see cref="BaseModel"/> ("JSON pointer = YAML value"), and where the schema must object.</summary>
    public static TheoryData<string, string[], string> InvalidModels() => new()
    {
        { "unknown top-level key", ["/laten = { size: 2 }"], "/laten" },
        { "unknown key in a section", ["/encoder/hiden = [3]"], "/encoder/hiden" },
        { "unknown likelihood family", ["/likelihood/family = bernouli"], "/likelihood/family" },
        { "unknown activation", ["/decoder/activation = rleu"], "/decoder/activation" },
        { "negative latent size", ["/latent/size = -2"], "/latent/size" },
        { "zero layer width", ["/encoder/hidden = [0]"], "/encoder/hidden/0" },
        { "quoted number", ["/training = { batch-size: \"128\" }"], "/training/batch-size" },
        { "model name starts lower-case", ["/model = schemaVae"], "/model" },
        { "model name the generated code uses", ["/model = Posterior"], "/model" },
        { "namespace with a keyword", ["/namespace = My.class.Models"], "/namespace" },
        { "multi-line description", ["/description = \"two\\nlines\""], "/description" },
        { "shape and features", ["/data/shape = [4]"], "/data" },
        { "two-dimensional shape", ["/data = { shape: [3, 4] }"], "/data/shape" },
        { "min-scale with an exp posterior scale", ["/posterior/scale = exp", "/posterior/min-scale = 0.01"], "/posterior/min-scale" },
        { "components with a gaussian prior", ["/prior = { family: gaussian, components: 3 }"], "/prior/components" },
        { "mixture prior without components", ["/prior = { family: mixture }"], "/prior" },
        { "classes on a bernoulli likelihood", ["/likelihood/classes = 4"], "/likelihood/classes" },
        { "categorical likelihood without classes", ["/likelihood = { family: categorical }"], "/likelihood" },
        { "scale on a bernoulli likelihood", ["/likelihood/scale = learned"], "/likelihood/scale" },
        { "min-scale with a fixed likelihood scale", ["/likelihood = { family: gaussian, scale: 0.1, min-scale: 0.01 }", "/data/values = real"], "/likelihood/min-scale" },
        { "conv keys on an mlp", ["/encoder/channels = [8]"], "/encoder/channels" },
        { "conv without channels", ["/data = { shape: [1, 8, 8] }", "/encoder = { network: conv }"], "/encoder" },
        { "conv on flat data", ["/encoder = { network: conv, channels: [4] }"], "/data" },
        { "momentum with adam", ["/training = { momentum: 0.9 }"], "/training/momentum" },
        { "momentum of 1", ["/training = { optimizer: sgd, momentum: 1 }"], "/training/momentum" },
        { "warm-up in epochs and steps", ["/objective = { warmup: { epochs: 2, steps: 100 } }"], "/objective/warmup" },
        { "analytic KL with a mixture prior", ["/prior = { family: mixture, components: 3 }", "/objective = { kl: analytic }"], "/objective/kl" },
        { "free bits with a full-covariance posterior", ["/posterior/family = gaussian-full", "/objective = { free-bits: 0.5 }"], "/posterior/family" },
        { "free bits with a Monte Carlo KL", ["/objective = { kl: monte-carlo, free-bits: 0.5 }"], "/objective/kl" },
        { "dreg with the ELBO", ["/objective = { gradient: dreg }"], "/objective/gradient" },
        { "stl with an analytic KL", ["/objective = { gradient: stl, kl: analytic }"], "/objective/kl" },
        { "beta with iwae", ["/objective = { estimator: iwae, beta: 0.5 }"], "/objective/beta" },
        { "categorical likelihood on real data", ["/data/values = real", "/likelihood = { family: categorical, classes: 4 }"], "/likelihood/family" },
        { "bernoulli on grey data without binarizing", ["/training = { binarize: none }"], "/data" },
        { "binarizing for a gaussian likelihood", ["/likelihood = { family: gaussian }", "/training = { binarize: dynamic }"], "/likelihood/family" },
        { "vamp prior of a conditional model", ["/data/condition = { classes: 3 }", "/prior = { family: vamp, pseudo-inputs: 5 }"], "/data/condition" },
    };

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public void InvalidModel_FailsAtTheKeyThatIsWrong(string what, string[] edits, string expectedPath)
    {
        var errors = Validator.Value.Validate(Edit(BaseModel, edits));

        errors.ShouldContain(e => e.InstancePath == expectedPath, $"{what}: expected an error at {expectedPath}; got:\n{string.Join("\n", errors)}");
    }

    /// <summary>Family-specific keys where they belong: the conditionals of the schema must not reject these.</summary>
    public static TheoryData<string, string[]> ValidVariants() => new()
    {
        { "conv networks on an image", ["/data = { shape: [1, 8, 8] }", "/encoder = { network: conv, channels: [4, 8], kernel: 3, stride: 2, padding: 1 }", "/decoder = { network: conv, channels: [8, 4], hidden: [16] }"] },
        { "categorical likelihood", ["/likelihood = { family: categorical, classes: 256 }"] },
        { "gaussian likelihood, predicted scale", ["/data/values = real", "/likelihood = { family: gaussian, scale: predicted, min-scale: 0.01 }"] },
        { "laplace likelihood, fixed scale", ["/likelihood = { family: laplace, scale: 0.3 }"] },
        { "mixture prior, Monte Carlo KL", ["/prior = { family: mixture, components: 10 }", "/objective = { kl: monte-carlo, samples: 4 }"] },
        { "vamp prior", ["/prior = { family: vamp, pseudo-inputs: 500 }"] },
        { "full-covariance posterior, learned prior", ["/posterior = { family: gaussian-full, scale: exp }", "/prior = { family: gaussian }"] },
        { "free bits, warm-up, beta", ["/prior = { family: gaussian }", "/objective = { kl: analytic, beta: 0.5, warmup: { steps: 100 }, free-bits: 0.25 }"] },
        { "iwae with dreg", ["/objective = { estimator: iwae, samples: 5, gradient: dreg }"] },
        { "elbo with stl", ["/objective = { samples: 2, gradient: stl, kl: monte-carlo }"] },
        { "sgd with momentum", ["/training = { optimizer: sgd, momentum: 0.9, weight-decay: 0.0001, gradient-clip: 5 }"] },
        { "conditional binary data", ["/data = { features: 4, values: binary, condition: { classes: 10 } }", "/training = { binarize: none }"] },
    };

    [Theory]
    [MemberData(nameof(ValidVariants))]
    public void ValidVariant_ValidatesAgainstTheSchema(string what, string[] edits)
    {
        var errors = Validator.Value.Validate(Edit(BaseModel, edits));

        errors.ShouldBeEmpty($"{what}:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Schema_UsesOnlyKeywordsTheValidatorChecks() => Validator.Value.UnknownKeywords().ShouldBeEmpty();

    [Fact]
    public void YamlToJson_TypesPlainScalarsAsYamlDoes()
    {
        var json = YamlToJson.Convert("""
            a: 128
            b: "128"
            c: 1.0e-4
            d: true
            e: 'false'
            f: ~
            g: [1, two, -3.5]
            """);

        json.ShouldNotBeNull().ToJsonString().ShouldBe("""{"a":128,"b":"128","c":0.0001,"d":true,"e":"false","f":null,"g":[1,"two",-3.5]}""");
    }

    /// <summary>The YAML text converted to JSON, with each edit "pointer = YAML value" applied.</summary>
    private static JsonNode Edit(string yaml, string[] edits)
    {
        var root = YamlToJson.Convert(yaml)!;
        foreach (var edit in edits)
        {
            var split = edit.IndexOf(" = ", StringComparison.Ordinal);
            var segments = edit[..split].Split('/', StringSplitOptions.RemoveEmptyEntries);
            var value = YamlToJson.Convert("v: " + edit[(split + 3)..])!["v"]!.DeepClone();
            var parent = segments[..^1].Aggregate(root, (node, key) => node[key]!);
            parent[segments[^1]] = value;
        }

        return root;
    }
}

/// <summary>
/// A YAML document as JSON, typed the way YAML 1.2's core schema types plain scalars: integers and floats become
/// numbers, true/false booleans, null/~/empty null. Quoted scalars stay strings ("128" is text, as for the generator).
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, Convert(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return FloatPattern().IsMatch(text)
            ? JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
            : JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

/// <summary>One way an instance fails a schema: where in the instance (a JSON pointer), and the keyword that failed.</summary>
internal sealed record SchemaError(string InstancePath, string Keyword, string Message)
{
    public override string ToString() => $"{(InstancePath.Length == 0 ? "/" : InstancePath)}: {Keyword}: {Message}";
}

/// <summary>
/// A JSON Schema 2020-12 validator for the keywords schema/vae-model.schema.json uses: types, enum and const, number
/// and string and array limits, properties, required, the combinators, if/then/else and local $ref. Every other
/// keyword is refused (<see cref="UnknownKeywords"/>), never silently passed.
/// </summary>
internal sealed class SchemaValidator(JsonNode root)
{
    private static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated"];

    private static readonly HashSet<string> Assertions =
    [
        "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
        "items", "minItems", "maxItems", "properties", "additionalProperties", "required", "allOf", "anyOf", "oneOf", "not",
        "if", "then", "else", "$ref",
    ];

    private readonly Dictionary<string, Regex> patterns = [];

    /// <summary>The errors of the instance against the whole schema; empty when it is valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance) => Validate(root, instance, string.Empty);

    /// <summary>Every keyword in the schema this validator does not know, as "pointer: keyword".</summary>
    public IReadOnlyList<string> UnknownKeywords()
    {
        var unknown = new List<string>();
        Walk(root, string.Empty);
        return unknown;

        void Walk(JsonNode? schema, string at)
        {
            if (schema is not JsonObject obj)
            {
                return;
            }

            foreach (var (key, value) in obj)
            {
                var here = at + "/" + key;
                switch (key)
                {
                    case "properties" or "$defs":
                        foreach (var (name, sub) in value!.AsObject())
                        {
                            Walk(sub, here + "/" + name);
                        }

                        break;
                    case "allOf" or "anyOf" or "oneOf":
                        var i = 0;
                        foreach (var sub in value!.AsArray())
                        {
                            Walk(sub, here + "/" + i++);
                        }

                        break;
                    case "items" or "additionalProperties" or "not" or "if" or "then" or "else":
                        Walk(value, here);
                        break;
                    default:
                        if (!Annotations.Contains(key) && !Assertions.Contains(key))
                        {
                            unknown.Add(here);
                        }

                        break;
                }
            }
        }
    }

    private List<SchemaError> Validate(JsonNode schema, JsonNode? instance, string path)
    {
        var errors = new List<SchemaError>();
        if (schema is JsonValue boolean)
        {
            if (!boolean.GetValue<bool>())
            {
                errors.Add(new(path, "false", "no value is allowed here"));
            }

            return errors;
        }

        var obj = schema.AsObject();
        foreach (var (keyword, value) in obj)
        {
            if (Annotations.Contains(keyword) || keyword is "then" or "else")
            {
                continue;
            }

            Check(keyword, value!, obj, instance, path, errors);
        }

        return errors;
    }

    private void Check(string keyword, JsonNode value, JsonObject schema, JsonNode? instance, string path, List<SchemaError> errors)
    {
        void Fail(string message) => errors.Add(new(path, keyword, message));

        switch (keyword)
        {
            case "type":
                var types = value is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToArray() : [value.GetValue<string>()];
                if (!types.Any(t => HasType(instance, t)))
                {
                    Fail($"must be {string.Join(" or ", types)}, not {Describe(instance)}");
                }

                break;
            case "enum":
                if (!value.AsArray().Any(option => Same(option, instance)))
                {
                    Fail($"must be one of {value.ToJsonString()}, not {Describe(instance)}");
                }

                break;
            case "const":
                if (!Same(value, instance))
                {
                    Fail($"must be {value.ToJsonString()}, not {Describe(instance)}");
                }

                break;
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                if (Number(instance) is { } number)
                {
                    var limit = Number(value)!.Value;
                    var ok = keyword switch
                    {
                        "minimum" => number >= limit,
                        "maximum" => number <= limit,
                        "exclusiveMinimum" => number > limit,
                        _ => number < limit,
                    };
                    if (!ok)
                    {
                        Fail($"{number.ToString(CultureInfo.InvariantCulture)} is out of range ({keyword} {limit.ToString(CultureInfo.InvariantCulture)})");
                    }
                }

                break;
            case "pattern":
                if (String(instance) is { } text && !Pattern(value.GetValue<string>()).IsMatch(text))
                {
                    Fail($"\"{text}\" does not match {value.GetValue<string>()}");
                }

                break;
            case "items":
                if (instance is JsonArray items)
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        errors.AddRange(Validate(value, items[i], path + "/" + i));
                    }
                }

                break;
            case "minItems" or "maxItems":
                if (instance is JsonArray array && (keyword == "minItems" ? array.Count < Number(value) : array.Count > Number(value)))
                {
                    Fail($"{array.Count} items is out of range ({keyword} {value})");
                }

                break;
            case "properties":
                if (instance is JsonObject withProperties)
                {
                    foreach (var (name, sub) in value.AsObject())
                    {
                        if (withProperties.TryGetPropertyValue(name, out var property))
                        {
                            errors.AddRange(Validate(sub!, property, path + "/" + Escape(name)));
                        }
                    }
                }

                break;
            case "additionalProperties":
                if (instance is JsonObject withAdditional)
                {
                    var declared = schema["properties"]?.AsObject();
                    foreach (var (name, property) in withAdditional)
                    {
                        if (declared is null || !declared.ContainsKey(name))
                        {
                            errors.AddRange(Validate(value, property, path + "/" + Escape(name)));
                        }
                    }
                }

                break;
            case "required":
                if (instance is JsonObject withRequired)
                {
                    foreach (var name in value.AsArray().Select(n => n!.GetValue<string>()).Where(n => !withRequired.ContainsKey(n)))
                    {
                        Fail($"'{name}' is required");
                    }
                }

                break;
            case "allOf":
                foreach (var sub in value.AsArray())
                {
                    errors.AddRange(Validate(sub!, instance, path));
                }

                break;
            case "anyOf":
                if (!value.AsArray().Any(sub => Validate(sub!, instance, path).Count == 0))
                {
                    Fail("matches none of the alternatives");
                }

                break;
            case "oneOf":
                var matches = value.AsArray().Count(sub => Validate(sub!, instance, path).Count == 0);
                if (matches != 1)
                {
                    Fail($"must match exactly one alternative, matches {matches}");
                }

                break;
            case "not":
                if (Validate(value, instance, path).Count == 0)
                {
                    Fail($"must not match {value.ToJsonString()}");
                }

                break;
            case "if":
                var branch = Validate(value, instance, path).Count == 0 ? schema["then"] : schema["else"];
                if (branch is not null)
                {
                    errors.AddRange(Validate(branch, instance, path));
                }

                break;
            case "$ref":
                errors.AddRange(Validate(Resolve(value.GetValue<string>()), instance, path));
                break;
            default:
                throw new NotSupportedException($"JSON Schema keyword '{keyword}' is not checked by this validator");
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"only local references are checked, not '{reference}'");
        }

        return reference[2..].Split('/')
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Aggregate(root, (node, segment) => node[segment] ?? throw new InvalidOperationException($"'{reference}' does not resolve"));
    }

    private Regex Pattern(string pattern)
    {
        if (!patterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant);
            patterns[pattern] = regex;
        }

        return regex;
    }

    private static bool HasType(JsonNode? instance, string type) => type switch
    {
        "null" => instance is null,
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => String(instance) is not null,
        "boolean" => instance is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
        "number" => Number(instance) is not null,
        "integer" => Number(instance) is { } n && double.IsFinite(n) && Math.Floor(n) == n,
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>JSON equality, with numbers equal by value (1 and 1.0).</summary>
    private static bool Same(JsonNode? a, JsonNode? b) =>
        Number(a) is { } x && Number(b) is { } y ? x == y : JsonNode.DeepEquals(a, b);

    private static string Describe(JsonNode? instance) => instance is null ? "null" : instance.ToJsonString();

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
