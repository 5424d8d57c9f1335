namespace EventOrch.NodeAgent.Runtime;

/// <summary>Kubernetes' image pull policies; runtimes compare them without regard to case.</summary>
public static class PullPolicies
{
    public const string Always = "Always";
    public const string IfNotPresent = "IfNotPresent";
    public const string Never = "Never";
}

/// <summary>Kubernetes' reasons for an image that could not be made present.</summary>
public static class ImagePullReasons
{
    public const string ErrImagePull = "ErrImagePull";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
}
