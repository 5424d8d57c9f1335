namespace EventOrch.Tests.Unit.Requests.Protobuf;

/// <summary>Request bodies kubectl 1.32 sent as application/vnd.kubernetes.protobuf, captured from its generator commands
/// (each file's first line is the command) and kept as base64 under Fixtures.</summary>
internal static class KubectlBodies
{
    public static byte[] Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Requests", "Protobuf", "Fixtures", name + ".b64");
        var base64 = string.Concat(File.ReadAllLines(path).Where(l => !l.StartsWith('#')).Select(l => l.Trim()));
        return Convert.FromBase64String(base64);
    }
}
