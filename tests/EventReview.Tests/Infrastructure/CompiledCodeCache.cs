using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using JasperFx.RuntimeCompiler;
using Microsoft.Extensions.DependencyInjection;

namespace EventReview.Tests.Infrastructure;

/// <summary>
/// Wolverine compiles its generated endpoint code with Roslyn at every start: 2 to 3 s a host here, most of a
/// test host's start-up. The code is the same text in every host of a test run, so this compiler compiles each
/// distinct text once per process and hands the loaded assembly to later hosts; the generated types still get their
/// services from each host's own container. Compilation follows JasperFx's own AssemblyGenerator.Compile, which loads
/// into a non-collectible context, so an assembly stays valid after the host that compiled it is disposed.
/// </summary>
internal sealed class CompiledCodeCache(IAssemblyGenerator inner) : IAssemblyGenerator
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Compiled = new();
    private readonly List<Assembly> _referenced = [];

    /// <summary>Puts the cache in front of the compiler the application registered.</summary>
    public static void UseFor(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAssemblyGenerator));
        if (registered is null) return;
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IAssemblyGenerator), provider => new CompiledCodeCache(
            registered.ImplementationInstance as IAssemblyGenerator
            ?? registered.ImplementationFactory?.Invoke(provider) as IAssemblyGenerator
            ?? (IAssemblyGenerator)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)), registered.Lifetime));
    }

    public string? AssemblyName { get => inner.AssemblyName; set => inner.AssemblyName = value; }

    public void ReferenceAssembly(Assembly assembly)
    {
        lock (_referenced) _referenced.Add(assembly);
        inner.ReferenceAssembly(assembly);
    }

    public void ReferenceAssemblyContainingType<T>() => ReferenceAssembly(typeof(T).Assembly);

    public Assembly Generate(Action<ISourceWriter> write) => inner.Generate(write);

    public Assembly Generate(string code) => inner.Generate(code);

    public void Compile(GeneratedAssembly generatedAssembly, IServiceVariableSource? services = null) =>
        Compile(generatedAssembly, services, out _);

    public void Compile(GeneratedAssembly generatedAssembly, IServiceVariableSource? services, out string code)
    {
        var text = generatedAssembly.GenerateCode(services);
        code = text;
        var assembly = Compiled.GetOrAdd(text, _ => new Lazy<Assembly>(() => CompileOnce(generatedAssembly, text))).Value;
        generatedAssembly.AttachAssembly(assembly);
    }

    /// <summary>What JasperFx's AssemblyGenerator.Compile does after generating the code: the same references, a fresh compiler.</summary>
    private Assembly CompileOnce(GeneratedAssembly generatedAssembly, string code)
    {
        var compiler = new AssemblyGenerator();
        compiler.ReferenceAssembly(typeof(AssemblyGenerator).Assembly);
        compiler.ReferenceAssembly(typeof(Task).Assembly);
        Assembly[] referenced;
        lock (_referenced) referenced = [.. _referenced];
        foreach (var assembly in generatedAssembly.Rules.Assemblies.Concat(referenced).Concat(generatedAssembly.AllReferencedAssemblies())
                     .Concat(generatedAssembly.GeneratedTypes.SelectMany(t => t.AssemblyReferences())).Distinct())
            compiler.ReferenceAssembly(assembly);
        return compiler.Generate(code);
    }
}
