using Microsoft.Extensions.Options;

namespace EventOrch.Scheduler.Framework;

/// <summary>Builds the active profile and every configured one at start, so a misspelt plugin or profile name stops
/// the scheduler with a clear message instead of failing on the first pod.</summary>
public sealed class SchedulerOptionsValidator(IEnumerable<IFilterPlugin> filters, IEnumerable<IScorePlugin> scores)
    : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var failures = new List<string>();
        foreach (var profile in options.Profiles.Keys.Append(options.Profile).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                options.Build(profile, filters, scores);
            }
            catch (InvalidOperationException e)
            {
                failures.Add(e.Message);
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
