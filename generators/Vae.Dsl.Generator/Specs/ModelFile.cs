namespace Vae.Dsl.Generator.Specs;

/// <summary>One *.vae.yaml file as the compiler handed it over: its path and its text.</summary>
internal sealed record ModelFile(string Path, string Text);
