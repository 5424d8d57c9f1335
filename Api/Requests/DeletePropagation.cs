using EventOrch.Contracts.Model;

namespace EventOrch.Api.Requests;

/// <summary>The propagation policy of a delete (DELETE's options, an eviction's deleteOptions).</summary>
public static class DeletePropagation
{
    /// <summary>propagationPolicy, or the older orphanDependents (true is Orphan, false Background); as in Kubernetes, a
    /// request may not carry both. Null when it carries neither.</summary>
    public static ApiResult<string?> Choose(string? policy, bool? orphanDependents)
    {
        if (string.IsNullOrEmpty(policy))
            return orphanDependents switch { true => PropagationPolicies.Orphan, false => PropagationPolicies.Background, null => new ApiResult<string?>(null, null) };
        if (orphanDependents is not null)
            return ApiErrors.BadRequest($"Invalid value: \"{policy}\": orphanDependents and deletionPropagation cannot be both set", "propagationPolicy");
        if (!PropagationPolicies.All.Contains(policy))
            return ApiErrors.BadRequest($"Unsupported value: \"{policy}\": supported values: \"Background\", \"Foreground\", \"Orphan\"", "propagationPolicy");
        return policy;
    }
}
