namespace EventOrch.Cli.Terminal;

public enum StatusTone
{
    Neutral,
    Good,
    Warn,
    Bad,
}

/// <summary>What the status words of kubectl-like tables mean, for colouring them.</summary>
public static class StatusWords
{
    private static readonly HashSet<string> GoodWords =
        ["Running", "Ready", "Active", "Bound", "Succeeded", "Completed", "True", "Available"];

    private static readonly HashSet<string> WarnWords =
        ["Pending", "ContainerCreating", "PodInitializing", "Terminating", "Unknown", "NotReady", "SchedulingDisabled", "Init"];

    private static readonly HashSet<string> BadWords =
        ["Failed", "Error", "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName",
         "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "OOMKilled", "Evicted", "False"];

    public static StatusTone Classify(string word)
    {
        var head = word.Split(',', ':')[0];
        if (GoodWords.Contains(head)) return StatusTone.Good;
        if (BadWords.Contains(head)) return StatusTone.Bad;
        if (WarnWords.Contains(head)) return StatusTone.Warn;
        return StatusTone.Neutral;
    }
}
