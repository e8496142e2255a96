using System;
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
                /// Registers every instance field of this module's type that holds a Module, a Parameter or a Tensor
                /// (the latter as a buffer), under the field's name, unless that name is already registered.
                /// </summary>
                protected virtual void RegisterComponents()
                {
                    if (componentsRegistered) return;
                    foreach (var field in GetType().GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)) {
                        var fieldName = field.Name;
                        if (childrenByName.ContainsKey(fieldName) || parametersByName.ContainsKey(fieldName) || buffersByName.ContainsKey(fieldName)) continue;
                        switch (field.GetValue(this)) {
                        case Module module:
                            register_module(fieldName, module);
                            break;
                        case Parameter parameter:
                            register_parameter(fieldName, parameter);
                            break;
                        case Tensor tensor:
                            register_buffer(fieldName, tensor);
                            break;
                        }
                    }
                    componentsRegistered = true;
                }

                /// <summary>Registers a submodule (and its own fields) under name.</summary>
                public virtual void register_module(string name, Module submodule)
                {
                    if (submodule is null) {
                        childrenByName.Remove(name);
                        return;
                    }
                    if (string.IsNullOrEmpty(name)) throw new ArgumentException("module name can't be empty string \"\"");
                    if (name.Contains('.')) throw new ArgumentException($"module name can't contain \".\", got: {name}");
                    if (childrenByName.ContainsKey(name)) throw new InvalidOperationException($"Sub-module {name} is already registered.");
                    submodule.RegisterComponents();
                    childrenByName.TryAdd(name, submodule);
                }

                public virtual void register_parameter(string name, Parameter param)
                {
                    if (param is null || param.IsInvalid)
                        throw new ArgumentNullException(nameof(param), "A null tensor cannot be registered as a parameter.");
                    if (!parametersByName.TryAdd(name, param))
                        throw new InvalidOperationException($"Parameter {name} is already registered.");
                }

                /// <summary>Registers a tensor that is part of the module's state (saved and loaded) but not trained.</summary>
                public virtual void register_buffer(string name, Tensor tensor)
                {
                    if (tensor is null || tensor.IsInvalid)
                        throw new ArgumentNullException(nameof(tensor), "A null tensor cannot be registered as a buffer.");
                    if (!buffersByName.TryAdd(name, tensor))
                        throw new InvalidOperationException($"Tensor {name} is already registered.");
                }

                /// <summary>Sets (or, with null, removes) the parameter under name.</summary>
                private protected void ConditionallyRegisterParameter(string name, Tensor? value)
                {
                    if (value is null) {
                        parametersByName.Remove(name);
                        return;
                    }
                    parametersByName.Set(name, value as Parameter ?? new Parameter(value, requires_grad: true));
                }

                private protected Parameter? GetRegisteredParameter(string name) => parametersByName.Get(name);
            }
        }
    }
}
