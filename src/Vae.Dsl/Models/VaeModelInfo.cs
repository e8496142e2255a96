using System;
using System.Collections.Generic;
using Vae.Dsl.Training;

namespace Vae.Dsl.Models;

/// <summary>A compiled model: what its file declares, and how to make a trainer for it.</summary>
/// <param name="Name">The generated module's type name.</param>
/// <param name="SourceFile">The model file it was generated from.</param>
/// <param name="Summary">One line on the posterior, likelihood and prior.</param>
/// <param name="DataShape">The event shape of one example.</param>
/// <param name="FeatureCount">Features per example: the product of the event shape.</param>
/// <param name="DataValues">What one feature's values are, in the model file's words: binary (0 or 1), unit-interval
/// (anywhere in [0, 1]) or real (any finite number).</param>
/// <param name="LatentSize">The dimension of z.</param>
/// <param name="ConditionClasses">The classes a conditional model is given, or null.</param>
/// <param name="Fingerprint">The model file's text hash and the generator's version: what a checkpoint must match.</param>
/// <param name="SourceText">The model file's text, kept with every run.</param>
/// <param name="Settings">Training and evaluation settings, as the model file gives them.</param>
/// <param name="CreateTrainer">A fresh model, initialized from the seed, with its trainer: with the file's settings, or others.</param>
public sealed record VaeModelInfo(
    string Name,
    string SourceFile,
    string Summary,
    IReadOnlyList<long> DataShape,
    long FeatureCount,
    string DataValues,
    long LatentSize,
    int? ConditionClasses,
    string Fingerprint,
    string SourceText,
    TrainingSettings Settings,
    TrainerFactory CreateTrainer);

/// <summary>Makes a trainer (and its freshly initialized model) with the model file's settings, or the ones given.</summary>
public delegate IVaeTrainer TrainerFactory(TrainingSettings? settings = null);
