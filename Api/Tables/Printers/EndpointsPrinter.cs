using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables.Printers;

/// <summary>Endpoints: NAME ENDPOINTS AGE, ENDPOINTS being the first three ready address:port pairs.</summary>
public sealed class EndpointsPrinter() : TablePrinter<Contracts.Model.Endpoints>(ResourceKind.Endpoints)
{
    public override IReadOnlyList<TableColumnDefinition> Columns { get; } =
    [
        Tables.Columns.Name,
        Tables.Columns.Text("Endpoints", "The ready addresses and ports the service reaches."),
        Tables.Columns.Age,
    ];

    protected override IReadOnlyList<object?> Cells(Contracts.Model.Endpoints endpoints, DateTimeOffset now) =>
        [endpoints.Metadata.Name, Format(endpoints.Subsets), Tables.Cells.Since(endpoints.Metadata.CreationTimestamp, now)];

    private static string Format(List<EndpointSubset>? subsets)
    {
        if (subsets is null || subsets.Count == 0) return Tables.Cells.None;
        var shown = new List<string>();
        var total = 0;
        foreach (var subset in subsets)
        {
            var addresses = subset.Addresses ?? [];
            // A headless service may have no ports: its addresses alone.
            if (subset.Ports is not { Count: > 0 } ports)
            {
                total += addresses.Count;
                shown.AddRange(addresses.Select(a => a.Ip));
                continue;
            }
            foreach (var port in ports)
            {
                total += addresses.Count;
                shown.AddRange(addresses.Select(a => HostPort(a.Ip, port.Port)));
            }
        }
        return Tables.Cells.FirstThree(shown, total, empty: "");
    }

    private static string HostPort(string ip, int port) => ip.Contains(':') ? $"[{ip}]:{port}" : $"{ip}:{port}";
}
