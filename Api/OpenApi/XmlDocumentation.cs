using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EventOrch.Api.OpenApi;

/// <summary>The summaries of types and properties from the XML documentation file the compiler writes beside an
/// assembly: the model's doc comments become the descriptions <c>kubectl explain</c> shows. An assembly without one
/// has no descriptions.</summary>
public static partial class XmlDocumentation
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    public static string? Of(Type type) => Summary(type.Assembly, $"T:{Name(type)}");

    public static string? Of(MemberInfo member) =>
        member.DeclaringType is { } declaring ? Summary(declaring.Assembly, $"P:{Name(declaring)}.{member.Name}") : null;

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static string? Summary(Assembly assembly, string member) =>
        Files.GetOrAdd(assembly, Load).TryGetValue(member, out var summary) ? summary : null;

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path)) return new Dictionary<string, string>();
        var members = XDocument.Load(path).Root?.Element("members")?.Elements("member") ?? [];
        var summaries = new Dictionary<string, string>();
        foreach (var member in members)
        {
            if (member.Attribute("name")?.Value is not { } name || member.Element("summary") is not { } summary) continue;
            summaries[name] = Text(summary);
        }
        return summaries;
    }

    // <c>x</c> and <see cref="T:A.B"/> become x and B; whitespace collapses to single spaces.
    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see =>
                see.Attribute("cref")?.Value.Split('.', ':').Last() ?? see.Attribute("langword")?.Value ?? see.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? "",
            XElement element => element.Value,
            _ => "",
        });
        return Whitespace().Replace(string.Concat(parts), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
