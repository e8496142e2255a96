using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Shouldly;

namespace TorchSharp.Tests
{
    /// <summary>
    /// The binding's public surface must be a subset of TorchSharp 0.99.6's. Api/torchsharp-api-0.99.6-full.txt is the
    /// reflection listing of the real TorchSharp.dll (v0.99.6 tag): one unindented header per type ("sealed class
    /// Modules.Linear : bases"), then one indented line per public or protected member declared by that type.
    ///
    /// Comparison rule. Every public type of the binding, and every public or protected member it declares, is written
    /// out the way the listing writes it, and the line must occur verbatim (after normalisation) under the same type:
    /// <list type="bullet">
    /// <item>Types: the header's kind and dotted name ("static class torch.nn", "sealed class Modules.Linear"); the base
    /// types and interfaces after " : " are not compared (the binding leaves out classes such as HookableModule).</item>
    /// <item>Members: access (public/protected), static/abstract/virtual (virtual = overridable: virtual and not final),
    /// return type, name, generic arguments, and every parameter's modifiers (this/params/out/ref), type, name and default
    /// value (numbers in invariant culture, enums as their integer, null, true/false, "strings"). Properties list their
    /// visible accessors ({ get; set; }), indexers are this[...], constructors .ctor, operators op_*, fields and
    /// constants their modifiers and type.</item>
    /// <item>Type spellings: namespaces TorchSharp and System are dropped (the listing keeps System only for
    /// System.Collections, which is dropped on both sides), nested types are joined with '.', C# keywords name the
    /// primitive types, Nullable&lt;T&gt; is T?, and generic constraints ("where T : ...") are ignored. Tuple element
    /// names do not exist in metadata, so (string name, Tensor t) compares as ValueTuple&lt;string,torch.Tensor&gt;.</item>
    /// <item>An override that 0.99.6 does not list under the derived type is accepted when the member it overrides is
    /// accepted (or belongs to System.Object): it adds nothing to the surface.</item>
    /// </list>
    /// </summary>
    public class ApiSurfaceTests
    {
        private static readonly string[] TypeKinds = {
            "sealed class ", "static class ", "abstract class ", "class ", "interface ", "enum ", "struct ", "delegate ",
        };

        [Fact]
        public void EveryPublicTypeAndMember_ExistsInTorchSharp0996()
        {
            var reference = LoadListing();
            var problems = new List<string>();
            var assembly = typeof(torch).Assembly;

            foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)) {
                var name = TypeName(type);
                if (!reference.TryGetValue(name, out var entry)) {
                    problems.Add($"type not in 0.99.6: {TypeHeader(type)}");
                    continue;
                }
                if (entry.Header != TypeHeader(type)) problems.Add($"type kind differs: binding '{TypeHeader(type)}', 0.99.6 '{entry.Header}'");
                foreach (var member in DeclaredMembers(type)) {
                    var line = Normalise(FormatMember(member));
                    if (entry.Members.Contains(line) || IsAcceptedOverride(member, reference)) continue;
                    problems.Add($"{name}: {line}");
                }
            }

            problems.ShouldBeEmpty($"{problems.Count} public members of the binding are not in TorchSharp 0.99.6:\n" + string.Join("\n", problems) + "\n");
        }

        [Fact]
        public void TheFormatter_ReproducesListingLines()
        {
            // A few lines of the listing, rebuilt from the binding's members, to keep the formatter honest.
            var tensorType = typeof(torch.Tensor);
            Normalise(FormatMember(tensorType.GetMethod("sum", new[] { typeof(long), typeof(bool), typeof(torch.ScalarType?) })!))
                .ShouldBe("public torch.Tensor sum(long dim, bool keepdim = false, torch.ScalarType? type = null)");
            Normalise(FormatMember(tensorType.GetProperty("requires_grad")!)).ShouldBe("public bool requires_grad { get; set; }");
            Normalise(FormatMember(typeof(Modules.Adam).GetConstructor(new[] {
                typeof(IEnumerable<Modules.Parameter>), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(bool), typeof(bool),
            })!)).ShouldBe("public .ctor(Collections.Generic.IEnumerable<Modules.Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false)");
            TypeHeader(typeof(Modules.Linear)).ShouldBe("sealed class Modules.Linear");
            TypeHeader(typeof(torch.nn.Module<torch.Tensor, torch.Tensor>).GetGenericTypeDefinition()).ShouldBe("abstract class torch.nn.Module<T,TResult>");
        }

        private sealed class TypeEntry
        {
            public string Header = "";
            public readonly HashSet<string> Members = new(StringComparer.Ordinal);
        }

        private static Dictionary<string, TypeEntry> LoadListing()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Api", "torchsharp-api-0.99.6-full.txt");
            var result = new Dictionary<string, TypeEntry>(StringComparer.Ordinal);
            TypeEntry? current = null;
            string? pending = null;
            void Flush()
            {
                if (pending is not null && current is not null) current.Members.Add(Normalise(pending));
                pending = null;
            }
            foreach (var raw in File.ReadAllLines(path)) {
                if (raw.StartsWith('#')) continue;
                if (raw.StartsWith("  ", StringComparison.Ordinal)) {
                    Flush();
                    pending = raw.Substring(2);
                    continue;
                }
                var kind = TypeKinds.FirstOrDefault(k => raw.StartsWith(k, StringComparison.Ordinal));
                if (kind is null) {
                    // A string default value holding a line break continues the previous member line.
                    if (pending is not null) pending += "\n" + raw;
                    continue;
                }
                Flush();
                var header = Normalise(StripBases(raw));
                current = new TypeEntry { Header = header };
                result[header.Substring(kind.Length)] = current;
            }
            Flush();
            return result;
        }

        private static string StripBases(string header)
        {
            var colon = header.IndexOf(" : ", StringComparison.Ordinal);
            return colon < 0 ? header : header.Substring(0, colon);
        }

        /// <summary>Drops generic constraints and the System namespace, which the listing spells inconsistently.</summary>
        private static string Normalise(string line)
        {
            var where = line.IndexOf(" where ", StringComparison.Ordinal);
            if (where >= 0 && line.IndexOf('"', where) < 0) line = line.Substring(0, where);
            return Regex.Replace(line, @"\bSystem\.", "");
        }

        private static IEnumerable<MemberInfo> DeclaredMembers(Type type)
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags)) {
                switch (member) {
                case ConstructorInfo c when !c.IsStatic && IsVisible(c):
                    yield return c;
                    break;
                case MethodInfo m when IsVisible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)):
                    yield return m;
                    break;
                case PropertyInfo p when Accessors(p).Any(IsVisible):
                    yield return p;
                    break;
                case FieldInfo f when IsVisible(f) && !f.IsSpecialName:
                    yield return f;
                    break;
                case EventInfo e when e.AddMethod is not null && IsVisible(e.AddMethod):
                    yield return e;
                    break;
                }
            }
        }

        private static IEnumerable<MethodInfo> Accessors(PropertyInfo p) =>
            new[] { p.GetMethod, p.SetMethod }.Where(m => m is not null)!;

        private static bool IsVisible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

        private static bool IsVisible(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

        private static string Access(MethodBase m) => m.IsPublic ? "public" : "protected";

        private static bool IsAcceptedOverride(MemberInfo member, Dictionary<string, TypeEntry> reference)
        {
            var method = member switch {
                MethodInfo m => m,
                PropertyInfo p => Accessors(p).First(),
                _ => null,
            };
            if (method is null) return false;
            var baseDefinition = method.GetBaseDefinition();
            if (baseDefinition == method || baseDefinition.DeclaringType is null) return false;
            var declaring = baseDefinition.DeclaringType;
            if (declaring == typeof(object)) return true;
            MemberInfo baseMember = baseDefinition;
            if (member is PropertyInfo property) {
                baseMember = declaring.GetProperty(property.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly,
                    null, property.PropertyType, property.GetIndexParameters().Select(p => p.ParameterType).ToArray(), null)!;
                if (baseMember is null) return false;
            }
            if (declaring.IsConstructedGenericType) declaring = declaring.GetGenericTypeDefinition();
            return reference.TryGetValue(TypeName(declaring), out var entry) && entry.Members.Contains(Normalise(FormatMember(baseMember)));
        }

        // ---- Formatting, as the listing writes things ----------------------------------------------------------

        private static string TypeHeader(Type type)
        {
            string kind;
            if (type.IsInterface) kind = "interface";
            else if (type.IsEnum) kind = "enum";
            else if (type.IsValueType) kind = "struct";
            else if (typeof(Delegate).IsAssignableFrom(type)) kind = "delegate";
            else if (type.IsAbstract && type.IsSealed) kind = "static class";
            else if (type.IsAbstract) kind = "abstract class";
            else if (type.IsSealed) kind = "sealed class";
            else kind = "class";
            return $"{kind} {TypeName(type)}";
        }

        private static readonly Dictionary<Type, string> Keywords = new() {
            [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
            [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
            [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
            [typeof(decimal)] = "decimal", [typeof(char)] = "char", [typeof(string)] = "string", [typeof(object)] = "object",
        };

        private static string TypeName(Type type)
        {
            if (type.IsByRef || type.IsPointer) return TypeName(type.GetElementType()!) + (type.IsPointer ? "*" : "");
            if (type.IsArray) return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            if (type.IsGenericParameter) return type.Name;
            if (Keywords.TryGetValue(type, out var keyword)) return keyword;
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying is not null) return TypeName(underlying) + "?";

            var arguments = type.GetGenericArguments();
            var chain = new List<Type>();
            for (var t = type; t is not null; t = t.DeclaringType) chain.Insert(0, t);
            var parts = new List<string>();
            var used = 0;
            foreach (var t in chain) {
                var simple = t.Name;
                var tick = simple.IndexOf('`');
                if (tick >= 0) {
                    var count = int.Parse(simple.Substring(tick + 1), CultureInfo.InvariantCulture);
                    simple = simple.Substring(0, tick) + "<" + string.Join(",", arguments.Skip(used).Take(count).Select(TypeName)) + ">";
                    used += count;
                }
                parts.Add(simple);
            }
            var ns = type.Namespace ?? "";
            foreach (var dropped in new[] { "TorchSharp", "System" }) {
                if (ns == dropped) ns = "";
                else if (ns.StartsWith(dropped + ".", StringComparison.Ordinal)) ns = ns.Substring(dropped.Length + 1);
            }
            return (ns.Length > 0 ? ns + "." : "") + string.Join(".", parts);
        }

        private static string FormatMember(MemberInfo member) => member switch {
            ConstructorInfo c => $"{Access(c)} .ctor({Parameters(c)})",
            MethodInfo m => $"{Access(m)} {Modifiers(m)}{TypeName(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})",
            PropertyInfo p => FormatProperty(p),
            FieldInfo f => FormatField(f),
            EventInfo e => $"{Access(e.AddMethod!)} {Modifiers(e.AddMethod!)}event {TypeName(e.EventHandlerType!)} {e.Name}",
            _ => member.ToString() ?? "",
        };

        private static string Modifiers(MethodInfo m)
        {
            if (m.IsStatic) return "static ";
            if (m.IsAbstract) return "abstract ";
            if (m.IsVirtual && !m.IsFinal) return "virtual ";
            return "";
        }

        private static string GenericArguments(MethodInfo m) =>
            m.IsGenericMethodDefinition ? "<" + string.Join(",", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

        private static string FormatProperty(PropertyInfo p)
        {
            var accessors = Accessors(p).Where(IsVisible).ToList();
            var main = accessors[0];
            var access = accessors.Any(a => a.IsPublic) ? "public" : "protected";
            var parts = new List<string>();
            if (p.GetMethod is not null && IsVisible(p.GetMethod)) parts.Add((access == "public" && !p.GetMethod.IsPublic ? "protected " : "") + "get;");
            if (p.SetMethod is not null && IsVisible(p.SetMethod)) parts.Add((access == "public" && !p.SetMethod.IsPublic ? "protected " : "") + "set;");
            var indexParameters = p.GetIndexParameters();
            var name = indexParameters.Length > 0 ? $"this[{FormatParameters(indexParameters, false)}]" : p.Name;
            return $"{access} {Modifiers(main)}{TypeName(p.PropertyType)} {name} {{ {string.Join(" ", parts)} }}";
        }

        private static string FormatField(FieldInfo f)
        {
            var access = f.IsPublic ? "public" : "protected";
            string modifiers;
            if (f.IsLiteral) modifiers = "const ";
            else modifiers = (f.IsStatic ? "static " : "") + (f.IsInitOnly ? "readonly " : "");
            return $"{access} {modifiers}{TypeName(f.FieldType)} {f.Name}";
        }

        private static string Parameters(MethodBase m) =>
            FormatParameters(m.GetParameters(), m.IsDefined(typeof(ExtensionAttribute), false));

        private static string FormatParameters(ParameterInfo[] parameters, bool extension)
        {
            var result = new StringBuilder();
            for (var i = 0; i < parameters.Length; i++) {
                var p = parameters[i];
                if (i > 0) result.Append(", ");
                if (i == 0 && extension) result.Append("this ");
                if (p.IsDefined(typeof(ParamArrayAttribute), false)) result.Append("params ");
                if (p.ParameterType.IsByRef) result.Append(p.IsOut ? "out " : "ref ");
                result.Append(TypeName(p.ParameterType)).Append(' ').Append(p.Name);
                if (p.HasDefaultValue) result.Append(" = ").Append(FormatDefault(p.RawDefaultValue));
            }
            return result.ToString();
        }

        private static string FormatDefault(object? value) => value switch {
            null => "null",
            bool b => b ? "true" : "false",
            string s => "\"" + s + "\"",
            char c => c.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
