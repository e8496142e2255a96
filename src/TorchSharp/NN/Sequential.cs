using System;
using System.Collections.Generic;
using System.Globalization;
using TorchSharp.Modules;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Applies its modules in order. Unnamed modules are named "0", "1", ... as in PyTorch.</summary>
        public class Sequential : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly List<torch.nn.IModule<torch.Tensor, torch.Tensor>> layers = new();

            internal Sequential() : base(nameof(Sequential))
            {
            }

            /// <summary>Appends a module (which must be a <see cref="torch.nn.Module"/>) under name; returns this Sequential.</summary>
            public Sequential append(string name, torch.nn.IModule<torch.Tensor, torch.Tensor> module)
            {
                if (module is not torch.nn.Module submodule)
                    throw new ArgumentException($"A Sequential holds modules; {module?.GetType().Name ?? "null"} is not one.", nameof(module));
                register_module(name, submodule);
                layers.Add(module);
                return this;
            }

            /// <summary>Appends a module under the next index ("0", "1", ...); returns this Sequential.</summary>
            public Sequential append(torch.nn.IModule<torch.Tensor, torch.Tensor> module) =>
                append(layers.Count.ToString(CultureInfo.InvariantCulture), module);

            public override torch.Tensor forward(torch.Tensor tensor)
            {
                if (layers.Count == 0) return tensor.alias();
                var result = layers[0].call(tensor);
                for (var i = 1; i < layers.Count; i++) {
                    var next = layers[i].call(result);
                    // The intermediate results stay alive in the autograd graph; only the wrappers go.
                    result.Dispose();
                    result = next;
                }
                return result;
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            public static Sequential Sequential() => new Sequential();

            public static Sequential Sequential(params (string name, Module<Tensor, Tensor> submodule)[] modules) =>
                Sequential((IEnumerable<(string name, Module<Tensor, Tensor> submodule)>)modules);

            public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) =>
                Sequential((IEnumerable<Module<Tensor, Tensor>>)modules);

            public static Sequential Sequential(params Tuple<string, Module<Tensor, Tensor>>[] modules) =>
                Sequential((IEnumerable<Tuple<string, Module<Tensor, Tensor>>>)modules);

            public static Sequential Sequential(IEnumerable<(string name, Module<Tensor, Tensor> submodule)> modules)
            {
                var result = new Sequential();
                foreach (var (n, m) in modules) result.append(n, m);
                return result;
            }

            public static Sequential Sequential(IEnumerable<Tuple<string, Module<Tensor, Tensor>>> modules)
            {
                var result = new Sequential();
                foreach (var t in modules) result.append(t.Item1, t.Item2);
                return result;
            }

            public static Sequential Sequential(IEnumerable<Module<Tensor, Tensor>> modules)
            {
                var result = new Sequential();
                foreach (var m in modules) result.append(m);
                return result;
            }
        }
    }
}
