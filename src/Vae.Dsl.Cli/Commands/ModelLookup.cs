using System;
using System.IO;
using System.Linq;
using Vae.Dsl.Generated;
using Vae.Dsl.Models;

namespace Vae.Dsl.Cli.Commands;

/// <summary>Finds a compiled model by what a user would type: its type name, its file name or path, or the file's stem.</summary>
internal static class ModelLookup
{
    public static VaeModelInfo? Find(string query)
    {
        var fileName = Path.GetFileName(query);
        return VaeModelCatalog.Models.FirstOrDefault(m =>
            string.Equals(m.Name, query, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(m.SourceFile, fileName, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Stem(m), fileName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"fashion-mnist" for fashion-mnist.vae.yaml.</summary>
    public static string Stem(VaeModelInfo model) => model.SourceFile.Replace(".vae.yaml", string.Empty, StringComparison.OrdinalIgnoreCase);

    public static string Known => string.Join(", ", VaeModelCatalog.Models.Select(Stem));
}
