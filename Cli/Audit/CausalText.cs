using System.Text;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Cli.Audit;

/// <summary>A <see cref="CausalChain"/> as one sentence, a clause per step: "pod web-7f9c-abcde was created by
/// replicaset-controller, because ReplicaSet web-7f9c was scaled from 1 to 3 by deployment-controller, because ops-admin
/// scaled Deployment web from 1 to 3 at 10:02:13 (request 4f1e...)".</summary>
public static class CausalText
{
    public static string Render(CausalChain chain, DateTimeOffset now)
    {
        var text = new StringBuilder();
        for (var i = 0; i < chain.Steps.Count; i++)
        {
            var step = chain.Steps[i];
            var last = i == chain.Steps.Count - 1;
            if (i > 0) text.Append(",\n  because ");
            if (last && chain.Root == CausalRoots.UserRequest && i > 0)
            {
                // The user's own request reads in the active voice, with when and which request.
                text.Append($"{step.Actor} {step.Verb} {step.Object.Kind} {step.Object.Name}{Detail(step)} at {When(step.Time, now)}");
                text.Append($" (request {AuditTargets.Short(step.CorrelationId)})");
                continue;
            }
            var subject = i == 0 ? $"{step.Object.Kind?.ToLowerInvariant()} {step.Object.Name}" : $"{step.Object.Kind} {step.Object.Name}";
            text.Append($"{subject} was {step.Verb}{Detail(step)} by {step.Actor}");
            if (!string.IsNullOrEmpty(step.Reason)) text.Append($" ({step.Reason})");
            if (last && chain.Root == CausalRoots.UserRequest)
                text.Append($" at {When(step.Time, now)} (request {AuditTargets.Short(step.CorrelationId)})");
        }
        text.Append(chain.Root switch
        {
            CausalRoots.NoRecordedCause when !string.IsNullOrEmpty(chain.Steps[^1].Reason) => ";\n  it named no event as its cause: the reason it gave is the whole of it.",
            CausalRoots.NoRecordedCause => ";\n  no cause was recorded for that (a component acting on what it listed names none).",
            CausalRoots.CauseNotFound => $";\n  {chain.Message}.",
            _ => ".",
        });
        return text.Append('\n').ToString();
    }

    private static string Detail(CausalStep step) => string.IsNullOrEmpty(step.Detail) ? "" : " " + step.Detail;

    // Today's times by the clock alone, as the example reads; older ones with their date.
    private static string When(DateTimeOffset time, DateTimeOffset now) =>
        time.UtcDateTime.Date == now.UtcDateTime.Date
            ? time.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC"
            : AuditTargets.Time(time);
}
