using System.Linq;
using System.Reflection;
using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public partial class Module
            {
                /// <summary>
                /// Converts parameters and buffers (and the descendants') to dtype. Converted parameters are new
                /// Parameter objects; fields that referenced the old ones are updated.
                /// </summary>
                internal virtual Module _to(ScalarType dtype)
                {
                    foreach (var (_, child) in childrenByName) child._to(dtype);
                    using (no_grad()) {
                        foreach (var (n, p) in parametersByName.ToList()) {
                            if (p.dtype == dtype) continue;
                            var converted = new Parameter(p.to(dtype, CPU, copy: true), p.requires_grad);
                            parametersByName.Set(n, converted);
                            ReplaceFieldValue(p, converted);
                        }
                        foreach (var (n, b) in buffersByName.ToList()) {
                            if (b.dtype == dtype || !b.is_floating_point()) continue;
                            var converted = b.to(dtype, CPU, copy: true).DetachFromDisposeScope();
                            buffersByName.Set(n, converted);
                            ReplaceFieldValue(b, converted);
                        }
                    }
                    return this;
                }

                private void ReplaceFieldValue(object old, object replacement)
                {
                    foreach (var field in GetType().GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)) {
                        if (ReferenceEquals(field.GetValue(this), old)) field.SetValue(this, replacement);
                    }
                }
            }
        }
    }

    /// <summary>Module conversions, as extension methods so that they return the module's own type.</summary>
    public static class ModuleExtensionMethods
    {
        /// <summary>Converts the parameters and buffers to the given element type.</summary>
        public static T to<T>(this T module, torch.ScalarType type) where T : torch.nn.Module => (T)module._to(type);

        /// <summary>Moves the parameters and buffers to device (only the CPU exists here).</summary>
        public static T to<T>(this T module, torch.Device device) where T : torch.nn.Module
        {
            torch.ValidateDevice(device);
            return module;
        }

        public static T to<T>(this T module, torch.Device device, torch.ScalarType type) where T : torch.nn.Module
        {
            torch.ValidateDevice(device);
            return (T)module._to(type);
        }

        /// <summary>Moves the parameters and buffers to the CPU, where they already are.</summary>
        public static T cpu<T>(this T module) where T : torch.nn.Module => module;
    }
}
