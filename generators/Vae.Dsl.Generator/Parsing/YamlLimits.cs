using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The bounds a model file must keep before it is loaded as a YAML tree: its size, how deep it nests, how long its
/// lists are, and its aliases (how many, whether one names the node it sits in, and how many nodes they expand to).
/// A model file needs a few hundred nodes; these bounds are far above that and far below what would make the
/// compiler hang or overflow its stack. The check walks YamlDotNet's event stream, which keeps its own stack and never
/// recurses, so no input can exhaust the compiler's.
/// </summary>
internal static class YamlLimits
{
    public const int MaxCharacters = 1 << 20;
    public const int MaxDepth = 32;
    public const int MaxSequenceLength = 10_000;
    public const int MaxAliases = 100;
    public const int MaxNodes = 100_000;

    /// <summary>False, after reporting why at the node that crossed a bound, when the file must not be loaded.</summary>
    public static bool Check(string text, ReadContext context)
    {
        if (text.Length > MaxCharacters)
        {
            context.Report(FileTooLarge, context.FileStart, text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), MaxCharacters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            return false;
        }

        var parser = new Parser(new StringReader(text));
        var open = new Stack<OpenNode>();
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long nodes = 0;
        var aliases = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case SequenceStart or MappingStart:
                    {
                        var start = (NodeEvent)parser.Current;
                        if (!CountItem(open, start, context))
                        {
                            return false;
                        }

                        nodes++;
                        open.Push(new OpenNode(start, nodes, start is SequenceStart));
                        if (open.Count > MaxDepth)
                        {
                            context.Report(NestedTooDeep, context.Locate(start.Start, start.End), open.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            return false;
                        }

                        break;
                    }

                    case SequenceEnd or MappingEnd when open.Count > 0:
                    {
                        var node = open.Pop();
                        if (!node.Start.Anchor.IsEmpty)
                        {
                            anchorSizes[node.Start.Anchor.Value] = nodes - node.NodesBefore + 1;
                        }

                        break;
                    }

                    case Scalar scalar:
                        if (!CountItem(open, scalar, context))
                        {
                            return false;
                        }

                        nodes++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchorSizes[scalar.Anchor.Value] = 1;
                        }

                        break;

                    case AnchorAlias alias:
                    {
                        if (!CountItem(open, alias, context))
                        {
                            return false;
                        }

                        var where = context.Locate(alias.Start, alias.End);
                        if (++aliases > MaxAliases)
                        {
                            context.Report(AliasBeyondLimits, where, $"a model file may hold at most {MaxAliases} aliases");
                            return false;
                        }

                        if (!anchorSizes.TryGetValue(alias.Value.Value, out var size))
                        {
                            context.Report(AliasBeyondLimits, where, $"the alias '*{alias.Value.Value}' names a node that contains it, or no node before it");
                            return false;
                        }

                        nodes += size;
                        break;
                    }
                }

                if (nodes > MaxNodes)
                {
                    var mark = parser.Current!.Start;
                    context.Report(AliasBeyondLimits, context.Locate(mark, parser.Current.End), $"the file expands to more than {MaxNodes:N0} nodes");
                    return false;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Malformed YAML (YamlDotNet throws YamlException, and on some inputs other exceptions): the loader
            // reports it where it can place it.
        }

        return true;
    }

    /// <summary>Counts a list item; false after reporting a list longer than the bound.</summary>
    private static bool CountItem(Stack<OpenNode> open, ParsingEvent item, ReadContext context)
    {
        if (open.Count == 0 || !open.Peek().IsSequence)
        {
            return true;
        }

        var list = open.Peek();
        if (++list.Items <= MaxSequenceLength)
        {
            return true;
        }

        context.Report(ListTooLong, context.Locate(list.Start.Start, item.End), MaxSequenceLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        return false;
    }

    private sealed class OpenNode(NodeEvent start, long nodesBefore, bool isSequence)
    {
        public NodeEvent Start => start;

        public long NodesBefore => nodesBefore;

        public bool IsSequence => isSequence;

        public int Items { get; set; }
    }
}
