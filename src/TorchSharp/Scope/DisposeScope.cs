using System;
using System.Collections.Generic;
using System.Linq;

namespace TorchSharp
{
    /// <summary>
    /// Keeps track of the disposables (tensors above all) created while it is the innermost open scope of its thread,
    /// and disposes them when it is disposed, except those moved to the outer scope or detached.
    /// </summary>
    public class DisposeScope : IDisposable
    {
        private readonly DisposeScopeManager manager;

        internal DisposeScope(DisposeScopeManager manager)
        {
            this.manager = manager;
            if (manager.DisposeScopeStack.Count > 0) OuterScope = manager.DisposeScopeStack.Peek();
        }

        /// <summary>The scope that was innermost when this one opened; null for an outermost scope.</summary>
        internal DisposeScope? OuterScope { get; }

        internal HashSet<IDisposable> Disposables { get; private set; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>The number of disposables the scope currently holds.</summary>
        public int DisposablesCount => Disposables.Count;

        /// <summary>Adds a disposable to the scope (tensors are added automatically).</summary>
        public T Include<T>(T disposable) where T : IDisposable
        {
            Disposables.Add(disposable);
            return disposable;
        }

        /// <summary>Moves a disposable out of this scope into the outer one (or out of every scope if none).</summary>
        public T MoveToOuter<T>(T disposable) where T : IDisposable
        {
            MoveToOuter(new IDisposable[] { disposable });
            return disposable;
        }

        public (T1 first, T2 second) MoveToOuter<T1, T2>(T1 first, T2 second)
            where T1 : IDisposable where T2 : IDisposable
        {
            MoveToOuter(new IDisposable[] { first, second });
            return (first, second);
        }

        public (T1 first, T2 second, T3 third) MoveToOuter<T1, T2, T3>(T1 first, T2 second, T3 third)
            where T1 : IDisposable where T2 : IDisposable where T3 : IDisposable
        {
            MoveToOuter(new IDisposable[] { first, second, third });
            return (first, second, third);
        }

        public void MoveToOuter(params IDisposable[] disposables) => MoveToOuter((IEnumerable<IDisposable>)disposables);

        public void MoveToOuter(IEnumerable<IDisposable> disposables)
        {
            foreach (var disposable in disposables) {
                if (!Disposables.Remove(disposable)) continue;
                OuterScope?.Disposables.Add(disposable);
                if (disposable is torch.Tensor tensor) tensor.OwningDisposeScope = OuterScope;
            }
        }

        /// <summary>Takes disposables out of every scope: nothing will dispose them but their owner (or the finalizer).</summary>
        public T Detach<T>(T disposable) where T : IDisposable
        {
            Detach(new IDisposable[] { disposable });
            return disposable;
        }

        public void Detach(params IDisposable[] disposables) => Detach((IEnumerable<IDisposable>)disposables);

        public void Detach(IEnumerable<IDisposable> disposables)
        {
            foreach (var disposable in disposables) {
                if (Disposables.Remove(disposable) && disposable is torch.Tensor tensor) tensor.OwningDisposeScope = null;
            }
        }

        /// <summary>Disposes everything the scope holds now; the scope stays open.</summary>
        public void DisposeEverything()
        {
            var held = Disposables;
            Disposables = new HashSet<IDisposable>(ReferenceEqualityComparer.Instance);
            // A tensor's Dispose releases it, then tells its scope (this one), which no longer holds it
            foreach (var disposable in held) {
                disposable.Dispose();
            }
        }

        /// <summary>Disposes everything the scope holds and closes it.</summary>
        public void Dispose()
        {
            DisposeEverything();
            manager.RemoveDisposeScope(this);
        }

        /// <summary>Called by a tensor disposed by hand, so the scope forgets it.</summary>
        internal void MarkAsDisposed(IDisposable disposable)
        {
            Disposables.Remove(disposable);
            if (disposable is torch.Tensor tensor) tensor.OwningDisposeScope = null;
        }

        internal bool Contains(IDisposable disposable) => Disposables.Contains(disposable);

        internal IReadOnlyList<IDisposable> DisposablesView => Disposables.ToList();
    }
}
