using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp.Utils;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            // TorchSharp's module format: LEB128 entry count, then per state_dict entry the key (a BinaryWriter string)
            // followed by the tensor record of TensorExtensionMethods.Save.
            public partial class Module
            {
                /// <summary>Saves the parameters and buffers to a file in TorchSharp's format.</summary>
                public Module save(string location, IList<string>? skip = null)
                {
                    using var stream = File.Create(location);
                    using var writer = new BinaryWriter(stream);
                    return save(writer, skip);
                }

                /// <summary>Saves the parameters and buffers to a stream in TorchSharp's format (the stream is closed after).</summary>
                public Module save(Stream stream, IList<string>? skip = null)
                {
                    using var writer = new BinaryWriter(stream);
                    return save(writer, skip);
                }

                public Module save(BinaryWriter writer, IList<string>? skip = null)
                {
                    var sd = state_dict();
                    var entries = new List<KeyValuePair<string, Tensor>>();
                    foreach (var kv in sd) {
                        if (skip is null || !skip.Contains(kv.Key)) entries.Add(kv);
                    }
                    writer.Encode(entries.Count);
                    foreach (var (key, tensor) in entries) {
                        writer.Write(key);
                        tensor.Save(writer);
                    }
                    writer.Flush();
                    return this;
                }

                /// <summary>
                /// Loads parameters and buffers saved in TorchSharp's format. With strict, the file must hold exactly this
                /// module's entries; keys in skip are read but not loaded.
                /// </summary>
                public virtual Module load(string location, bool strict = true, IList<string>? skip = null)
                {
                    if (!File.Exists(location)) throw new FileNotFoundException(location);
                    using var stream = File.OpenRead(location);
                    using var reader = new BinaryReader(stream);
                    return load(reader, strict, skip);
                }

                public Module load(Stream stream, bool strict = true, IList<string>? skip = null)
                {
                    using var reader = new BinaryReader(stream);
                    return load(reader, strict, skip);
                }

                public virtual Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null)
                {
                    skip ??= Array.Empty<string>();
                    var sd = state_dict();
                    var entries = reader.Decode();
                    if (entries != sd.Count && strict)
                        throw new ArgumentException($"Mismatched state_dict sizes: expected {sd.Count}, but found {entries} entries.");
                    for (long i = 0; i < entries; i++) {
                        var key = reader.ReadString();
                        if (sd.TryGetValue(key, out var target)) {
                            target.Load(reader, skip: skip.Contains(key));
                        } else if (strict) {
                            throw new ArgumentException($"Mismatched module state names: the target modules does not have a submodule or buffer named '{key}'");
                        } else {
                            TensorExtensionMethods.SkipTensor(reader);
                        }
                    }
                    return this;
                }
            }
        }
    }
}
