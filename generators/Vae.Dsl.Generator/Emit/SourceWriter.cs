using System;
using System.Text;

namespace Vae.Dsl.Generator.Emit;

/// <summary>A StringBuilder that tracks indentation, for emitting C# line by line.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder builder = new();
    private int indentation;

    public void Line() => builder.Append('\n');

    /// <summary>Writes text (possibly several lines) at the current indentation; a line of only spaces is written empty.</summary>
    public void Line(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                for (var i = 0; i < indentation; i++)
                {
                    builder.Append(IndentUnit);
                }

                builder.Append(line);
            }

            builder.Append('\n');
        }
    }

    /// <summary>Writes the opening line and a brace, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        indentation++;
        return new Closer(this);
    }

    public override string ToString() => builder.ToString();

    private sealed class Closer(SourceWriter writer) : IDisposable
    {
        public void Dispose()
        {
            writer.indentation--;
            writer.Line("}");
        }
    }
}
