using System;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Vae.Dsl.Training;

/// <summary>The optimizer a model file names (<c>training.optimizer</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OptimizerChoice>))]
public enum OptimizerChoice
{
    [JsonStringEnumMemberName("adam")]
    Adam,

    [JsonStringEnumMemberName("adamw")]
    AdamW,

    [JsonStringEnumMemberName("sgd")]
    Sgd,
}

/// <summary>How grey data becomes binary (<c>training.binarize</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Binarization>))]
public enum Binarization
{
    /// <summary>x ~ Bernoulli(pixel intensities), drawn afresh each time an image is seen.</summary>
    [JsonStringEnumMemberName("dynamic")]
    Dynamic,

    /// <summary>x ~ Bernoulli(pixel intensities), drawn once from the seed: the same every epoch.</summary>
    [JsonStringEnumMemberName("static")]
    Static,

    /// <summary>The data as they are.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}

/// <summary>The words of the model file for these choices, as settings.json and the command line show them.</summary>
public static class ChoiceWords
{
    /// <summary>The model file's word for <paramref name="value"/> ("adamw", "dynamic", "rollback").</summary>
    public static string Of<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"a {typeof(T).Name} without a word");
}
