namespace EventOrch.Scheduler.Framework;

/// <summary>Several reasons in one <see cref="FilterResult"/> (Kubernetes' Status.Reasons), each counted on its own in the failure message.</summary>
public static class FilterReasons
{
    // FilterResult carries one reason; a line break cannot occur in a reason, so it separates them.
    private const char Separator = '\n';

    /// <summary>A result that does not fit for every one of <paramref name="reasons"/>.</summary>
    public static FilterResult Unfit(IEnumerable<string> reasons) => FilterResult.Unfit(string.Join(Separator, reasons));

    /// <summary>The reasons of an unfit result, in order; none for a fit or a result without a reason.</summary>
    public static IReadOnlyList<string> Of(FilterResult result) =>
        result.Fits || string.IsNullOrEmpty(result.Reason) ? [] : result.Reason.Split(Separator);
}
