namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Something that can be invoked like a module taking one argument.</summary>
            public interface IModule<T, TResult>
            {
                TResult call(T input1);
            }

            /// <summary>Base class of modules whose forward takes one argument.</summary>
            public abstract class Module<T, TResult> : Module, IModule<T, TResult>
            {
                protected Module(string name) : base(name)
                {
                }

                /// <summary>The module's computation.</summary>
                public abstract TResult forward(T input);

                /// <summary>Invokes the module.</summary>
                public TResult call(T input) => forward(input);
            }

            /// <summary>Base class of modules whose forward takes two arguments.</summary>
            public abstract class Module<T1, T2, TResult> : Module
            {
                protected Module(string name) : base(name)
                {
                }

                /// <summary>The module's computation.</summary>
                public abstract TResult forward(T1 input1, T2 input2);

                /// <summary>Invokes the module.</summary>
                public TResult call(T1 input1, T2 input2) => forward(input1, input2);
            }
        }
    }
}
