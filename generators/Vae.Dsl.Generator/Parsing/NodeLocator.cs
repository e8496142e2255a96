using Vae.Dsl.Generator.Specs;
using YamlDotNet.RepresentationModel;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>Finds where a dotted key path ("training.binarize") is in the file, or its nearest enclosing section.</summary>
internal sealed class NodeLocator(ReadContext context, YamlMappingNode root)
{
    public ReadContext Context => context;

    public LocationInfo Locate(string path)
    {
        YamlNode node = root;
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                break;
            }

            node = child;
        }

        return context.Locate(node);
    }
}
