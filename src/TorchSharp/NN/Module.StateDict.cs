using System;
using System.Collections.Generic;
using System.Linq;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public partial class Module
            {
                /// <summary>
                /// The module's state: every parameter and buffer (with descendants'), keyed by dotted name as in
                /// PyTorch ("decoder.0.weight"). The tensors are the module's own, not copies.
                /// </summary>
                public virtual Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
                {
                    destination ??= new Dictionary<string, Tensor>();
                    foreach (var (n, p) in named_parameters()) destination.TryAdd(string.IsNullOrEmpty(prefix) ? n : $"{prefix}.{n}", p);
                    foreach (var (n, b) in named_buffers()) destination.TryAdd(string.IsNullOrEmpty(prefix) ? n : $"{prefix}.{n}", b);
                    foreach (var (n, m) in childrenByName) m.state_dict(destination, string.IsNullOrEmpty(prefix) ? n : $"{prefix}.{n}");
                    return destination;
                }

                /// <summary>
                /// Copies the values of source into the module's parameters and buffers of the same names.
                /// With strict, the key sets must match exactly. Returns the missing and the unexpected keys.
                /// </summary>
                public virtual (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
                {
                    skip ??= Array.Empty<string>();
                    var destination = state_dict();
                    var unexpected = source.Keys.Where(k => !skip.Contains(k) && !destination.ContainsKey(k)).ToList();
                    var missing = destination.Keys.Where(k => !skip.Contains(k) && !source.ContainsKey(k)).ToList();
                    if (strict && (missing.Count > 0 || unexpected.Count > 0))
                        throw new InvalidOperationException("The loaded state_dict is not identical to the target dictionary.");

                    using (no_grad()) {
                        foreach (var (key, value) in source) {
                            if (skip.Contains(key) || !destination.TryGetValue(key, out var target)) continue;
                            if (!value.shape.SequenceEqual(target.shape))
                                throw new ArgumentException($"Mismatched shape for '{key}': [{string.Join(", ", value.shape)}] into [{string.Join(", ", target.shape)}].");
                            target.copy_(value).Dispose();
                        }
                    }
                    return (missing, unexpected);
                }
            }
        }
    }
}
