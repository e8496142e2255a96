using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// Loads a model file's text as one YAML mapping, turning every way that can fail into a diagnostic:
/// a syntax error at YamlDotNet's marks, and the odd malformed input on which YamlDotNet throws without
/// marks at the innermost bracket left open (or the last point it reached).
/// </summary>
internal static class YamlLoader
{
    public static YamlMappingNode? LoadRoot(string text, ReadContext context)
    {
        if (!YamlLimits.Check(text, context))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            context.Report(InvalidYaml, context.Locate(e.Start, e.End), message);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (mark, unclosed) = WhereParsingStopped(text);
            var message = unclosed is not null
                ? $"the '{unclosed}' opened here is never closed"
                : $"the parser stopped after this point ({e.Message})";
            context.Report(InvalidYaml, context.Locate(mark, mark), message);
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            var problem = stream.Documents.Count == 0 ? "this file is empty" : $"this file holds {stream.Documents.Count} documents";
            context.Report(NotAMapping, context.FileStart, problem);
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            context.Report(NotAMapping, root, "this file holds " + ReadContext.Describe(root));
            return null;
        }

        return mapping;
    }

    /// <summary>Replays the parse event by event: the innermost flow collection still open when it fails, else the last event.</summary>
    private static (Mark Mark, string? Unclosed) WhereParsingStopped(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(Mark Start, string Bracket)>();
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.Start;
                switch (current)
                {
                    case SequenceStart { Style: SequenceStyle.Flow }:
                        open.Push((current.Start, "["));
                        break;
                    case MappingStart { Style: MappingStyle.Flow }:
                        open.Push((current.Start, "{"));
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0 && current.Start.Index >= open.Peek().Start.Index:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception)
        {
            // The failure this replay is after: what was open when it came is the answer.
        }

        return open.Count > 0 ? (open.Peek().Start, open.Peek().Bracket) : (last, null);
    }
}
