namespace Vae.Dsl.Evaluation;

/// <summary>Progress of an evaluation: <paramref name="Done"/> of <paramref name="Total"/> examples through <paramref name="Stage"/>.</summary>
public readonly record struct EvaluationProgress(string Stage, long Done, long Total);
