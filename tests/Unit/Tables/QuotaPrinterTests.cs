using EventOrch.Api.Tables.Printers;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Tables;

public sealed class QuotaPrinterTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_quota_prints_used_over_hard_with_limits_in_their_own_column_as_kubectl_does()
    {
        var hard = new Dictionary<string, string> { ["pods"] = "10", ["requests.cpu"] = "1", ["limits.memory"] = "2Gi", ["limits.cpu"] = "2000m" };
        var quota = new ResourceQuota
        {
            Metadata = new ObjectMeta { Name = "compute", CreationTimestamp = Now.AddMinutes(-5) },
            Spec = new ResourceQuotaSpec { Hard = hard },
            Status = new ResourceQuotaStatus { Hard = hard, Used = new() { ["pods"] = "1", ["requests.cpu"] = "0.1", ["limits.cpu"] = "500m" } },
        };

        var cells = new ResourceQuotaPrinter().Cells(quota, Now);

        Assert.Equal(["compute", "5m", "pods: 1/10, requests.cpu: 100m/1", "limits.cpu: 500m/2, limits.memory: 0/2Gi"], cells);
    }

    [Fact]
    public void A_limit_range_prints_when_it_was_created()
    {
        var range = new LimitRange { Metadata = new ObjectMeta { Name = "limits", CreationTimestamp = new DateTimeOffset(2030, 1, 1, 9, 30, 5, TimeSpan.Zero) } };

        Assert.Equal(["limits", "2030-01-01T09:30:05Z"], new LimitRangePrinter().Cells(range, Now));
    }
}
