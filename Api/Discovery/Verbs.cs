namespace EventOrch.Api.Discovery;

/// <summary>The Kubernetes verbs, in the order discovery lists them.</summary>
public static class Verbs
{
    public const string Create = "create";
    public const string Delete = "delete";
    public const string DeleteCollection = "deletecollection";
    public const string Get = "get";
    public const string List = "list";
    public const string Patch = "patch";
    public const string Update = "update";
    public const string Watch = "watch";

    private static readonly string[] Order = [Create, Delete, DeleteCollection, Get, List, Patch, Update, Watch];

    public static List<string> Sorted(IEnumerable<string> verbs) =>
        verbs.OrderBy(v => Array.IndexOf(Order, v) is var i and >= 0 ? i : Order.Length).ThenBy(v => v, StringComparer.Ordinal).ToList();
}
