using System;
using System.Collections.Generic;
using System.Linq;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;

namespace Vae.Dsl.Generator.Families;

/// <summary>
/// One family of the language: the word that names it in a model file, the keys only it accepts, how its options
/// are read into its spec record, and the emitter that writes its code.
/// </summary>
/// <typeparam name="TSpec">The spec records of this kind of family (posterior, likelihood, prior, network).</typeparam>
/// <typeparam name="TEmitter">The emitter interface of this kind of family.</typeparam>
internal sealed class Family<TSpec, TEmitter>
    where TSpec : class
{
    private readonly Func<SectionReader, TSpec?> read;
    private readonly Func<TSpec, EmitContext, TEmitter> emitter;

    private Family(string word, string[] keys, Type specType, Func<SectionReader, TSpec?> read, Func<TSpec, EmitContext, TEmitter> emitter)
    {
        Word = word;
        Keys = keys;
        SpecType = specType;
        this.read = read;
        this.emitter = emitter;
    }

    /// <summary>The family's word in a model file: "gaussian-full".</summary>
    public string Word { get; }

    /// <summary>The keys of the section that only this family accepts.</summary>
    public IReadOnlyList<string> Keys { get; }

    public Type SpecType { get; }

    /// <summary>Declares a family whose spec record is <typeparamref name="TConcrete"/>.</summary>
    public static Family<TSpec, TEmitter> Of<TConcrete>(
        string word, string[] keys, Func<SectionReader, TConcrete?> read, Func<TConcrete, EmitContext, TEmitter> emitter)
        where TConcrete : class, TSpec =>
        new(word, keys, typeof(TConcrete), read, (spec, context) => emitter((TConcrete)spec, context));

    /// <summary>The family's options from its section, or null after reporting what is wrong.</summary>
    public TSpec? Read(SectionReader section) => read(section);

    public TEmitter Emitter(TSpec spec, EmitContext context) => emitter(spec, context);
}

/// <summary>The families of one kind, in the order the language lists them; the words of the language come from here.</summary>
internal sealed class FamilyRegistry<TSpec, TEmitter>
    where TSpec : class
{
    private readonly Family<TSpec, TEmitter>[] families;

    public FamilyRegistry(string what, string selector, params Family<TSpec, TEmitter>[] families)
    {
        What = what;
        Selector = selector;
        this.families = families;
    }

    /// <summary>What a word names, for messages: "posterior family".</summary>
    public string What { get; }

    /// <summary>The key that chooses the family: "family" or "network".</summary>
    public string Selector { get; }

    public IReadOnlyList<Family<TSpec, TEmitter>> All => families;

    public IEnumerable<string> Words => families.Select(f => f.Word);

    /// <summary>Every key some family of this kind accepts.</summary>
    public IEnumerable<string> FamilyKeys => families.SelectMany(f => f.Keys).Distinct();

    public Family<TSpec, TEmitter>? Find(string word) => families.FirstOrDefault(f => f.Word == word);

    public Family<TSpec, TEmitter> For(TSpec spec) => families.First(f => f.SpecType == spec.GetType());

    public string WordFor(TSpec spec) => For(spec).Word;

    public TEmitter Emitter(TSpec spec, EmitContext context) => For(spec).Emitter(spec, context);
}
