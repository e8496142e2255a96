using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>
            /// Base class of all neural-network modules. A module owns its parameters and buffers and holds its
            /// submodules; fields of those kinds are registered by <see cref="RegisterComponents"/> under the field's name.
            /// </summary>
            public partial class Module : IDisposable
            {
                private readonly NamedCollection<Parameter> parametersByName = new();
                private readonly NamedCollection<Tensor> buffersByName = new();
                private readonly NamedCollection<Module> childrenByName = new();
                private bool isTraining = true;
                private bool componentsRegistered;
                private bool disposed;

                /// <summary>The module's name (its type's name for the built-in modules).</summary>
                internal readonly string name;

                /// <summary>Constructor for custom modules.</summary>
                /// <param name="name">The name of the module, useful for debugging.</param>
                protected Module(string name)
                {
                    this.name = name;
                }

                ~Module() => Dispose(false);

                /// <summary>Releases the parameters, buffers and submodules.</summary>
                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing)
                {
                    if (!disposing || disposed) return;
                    disposed = true;
                    foreach (var (_, b) in buffersByName) b.Dispose();
                    foreach (var (_, p) in parametersByName) p.Dispose();
                    foreach (var (_, m) in childrenByName) m.Dispose();
                }

                /// <summary>Sets training mode (or evaluation mode with false) on this module and its descendants.</summary>
                public virtual void train(bool train = true)
                {
                    isTraining = train;
                    foreach (var (_, m) in childrenByName) m.train(train);
                }

                /// <summary>Sets evaluation mode.</summary>
                public virtual void eval() => train(false);

                /// <summary>Whether the module is in training mode.</summary>
                public virtual bool training => isTraining;

                /// <summary>Zeroes the gradients of all parameters.</summary>
                public virtual void zero_grad() => Gradients.Zero(parameters());

                public virtual IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
                {
                    var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
                    foreach (var (n, p) in parametersByName) {
                        if (seen.Add(p)) yield return (n, p);
                    }
                    if (!recurse) yield break;
                    foreach (var (childName, child) in childrenByName) {
                        foreach (var (n, p) in child.named_parameters(true)) {
                            if (seen.Add(p)) yield return ($"{childName}.{n}", p);
                        }
                    }
                }

                /// <summary>The parameter with this dotted name ("decoder.0.weight"), or null if there is none.</summary>
                public virtual Parameter? get_parameter(string target) =>
                    named_parameters().Where(np => np.name == target).Select(np => np.parameter).FirstOrDefault();

                public virtual bool has_parameter(string target) => get_parameter(target) is not null;

                public virtual IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(np => np.parameter);

                public virtual IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
                {
                    var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                    foreach (var (n, b) in buffersByName) {
                        if (seen.Add(b)) yield return (n, b);
                    }
                    if (!recurse) yield break;
                    foreach (var (childName, child) in childrenByName) {
                        foreach (var (n, b) in child.named_buffers(true)) {
                            if (seen.Add(b)) yield return ($"{childName}.{n}", b);
                        }
                    }
                }

                public virtual IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(nb => nb.buffer);

                /// <summary>The immediate submodules with their names.</summary>
                public virtual IEnumerable<(string name, Module module)> named_children() => childrenByName.Select(c => (c.name, c.value));

                public virtual IEnumerable<Module> children() => named_children().Select(c => c.module);

                /// <summary>All descendant modules with their dotted names: the children first, then their descendants.</summary>
                public virtual IEnumerable<(string name, Module module)> named_modules()
                {
                    foreach (var (n, m) in childrenByName) yield return (n, m);
                    foreach (var (childName, child) in childrenByName) {
                        foreach (var (n, m) in child.named_modules()) yield return ($"{childName}.{n}", m);
                    }
                }

                public virtual IEnumerable<Module> modules() => named_modules().Select(m => m.module);
            }
        }
    }
}
