using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ecommerce.Shared.OpenApi;

/// <summary>
/// The summaries of the code's XML docs (each project writes its <c>.xml</c> beside its assembly), as plain text for the
/// API documents: operations take their handler's, schemas their type's. Read once per assembly, when a document is
/// first asked for.
/// </summary>
public static partial class XmlDocs
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    public static string? Summary(Type type) => Find(type.Assembly, "T:" + type.FullName?.Replace('+', '.'));

    /// <summary>A method's summary; handlers are never overloaded, so its name identifies it.</summary>
    public static string? Summary(MethodInfo method) =>
        method.DeclaringType is { } type ? Find(type.Assembly, $"M:{type.FullName?.Replace('+', '.')}.{method.Name}(") : null;

    private static string? Find(Assembly assembly, string member)
    {
        var summaries = Files.GetOrAdd(assembly, Load);
        if (summaries.TryGetValue(member, out var exact)) return exact;
        return member.EndsWith('(') ? summaries.FirstOrDefault(s => s.Key.StartsWith(member, StringComparison.Ordinal)).Value : null;
    }

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (assembly.Location.Length == 0 || !File.Exists(path)) return new Dictionary<string, string>();
        var members = XDocument.Load(path).Root?.Element("members")?.Elements("member") ?? [];
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
            if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
                summaries[name.EndsWith(')') || !name.StartsWith("M:", StringComparison.Ordinal) ? name : name + "("] = Text(summary);
        return summaries;
    }

    /// <summary>The text of a summary: <c>code</c> and references by their short name, whitespace folded.</summary>
    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see => ShortName(see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? see.Value),
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? "",
            XElement element => element.Value,
            _ => "",
        });
        return Whitespace().Replace(string.Concat(parts), " ").Trim();
    }

    private static string ShortName(string cref)
    {
        var name = cref.Contains(':') ? cref[(cref.IndexOf(':') + 1)..] : cref;
        name = name.Split('(')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();
}
