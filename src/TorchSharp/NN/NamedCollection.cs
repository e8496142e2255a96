using System.Collections;
using System.Collections.Generic;

namespace TorchSharp
{
    /// <summary>An insertion-ordered name → value map (a module's parameters, buffers or children).</summary>
    internal sealed class NamedCollection<T> : IEnumerable<(string name, T value)> where T : class
    {
        private readonly List<(string name, T value)> items = new();
        private readonly Dictionary<string, int> index = new();

        public int Count => items.Count;

        public bool ContainsKey(string name) => index.ContainsKey(name);

        public T? Get(string name) => index.TryGetValue(name, out var i) ? items[i].value : null;

        public bool TryAdd(string name, T value)
        {
            if (index.ContainsKey(name)) return false;
            index[name] = items.Count;
            items.Add((name, value));
            return true;
        }

        /// <summary>Replaces the value under name, or appends it.</summary>
        public void Set(string name, T value)
        {
            if (index.TryGetValue(name, out var i)) items[i] = (name, value);
            else TryAdd(name, value);
        }

        public void Remove(string name)
        {
            if (!index.TryGetValue(name, out var i)) return;
            items.RemoveAt(i);
            index.Clear();
            for (var k = 0; k < items.Count; k++) index[items[k].name] = k;
        }

        public IEnumerator<(string name, T value)> GetEnumerator() => items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
