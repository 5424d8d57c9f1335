using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Validation;

/// <summary>Small valid objects for tests to vary with <c>with</c>.</summary>
internal static class TestPods
{
    public static Pod Valid(params Container[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { Containers = containers.Length > 0 ? [.. containers] : [Container()] },
    };

    public static Container Container(string name = "web", string image = "nginx:1.27") => new() { Name = name, Image = image };

    public static Pod WithContainer(Func<Container, Container> change)
    {
        var pod = Valid();
        return pod with { Spec = pod.Spec with { Containers = [change(pod.Spec.Containers[0])] } };
    }

    public static Pod WithSpec(Func<PodSpec, PodSpec> change)
    {
        var pod = Valid();
        return pod with { Spec = change(pod.Spec) };
    }

    public static ResourceRequirements Resources(string? requests = null, string? limits = null) => new()
    {
        Requests = Parse(requests),
        Limits = Parse(limits),
    };

    private static Dictionary<string, string>? Parse(string? text) =>
        text?.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
