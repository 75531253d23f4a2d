namespace DevRelHub.Workflows.Runtime;

/// <summary>How the engine runs in this host; the defaults suit one team's server.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>Roles that may act on any person's task (an administrator); the host names them, the engine knows no roles.</summary>
    public IReadOnlyCollection<string> SupervisorRoles { get; set; } = [];

    /// <summary>A run that takes more steps than this without waiting faults instead of spinning forever.</summary>
    public int MaxStepsPerRun { get; set; } = 1_000;

    /// <summary>How many times a run is retried from the start when another writer changed the instance under it.</summary>
    public int ConflictRetries { get; set; } = 20;

    /// <summary>Whether this host fires due timers; turn it off for hosts that only serve pages.</summary>
    public bool RunTimers { get; set; } = true;

    /// <summary>How long the timer service sleeps when nothing is due.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed timer is this host's; if the host dies, another fires it once this has passed.</summary>
    public TimeSpan TimerLease { get; set; } = TimeSpan.FromSeconds(30);

    public int TimerBatchSize { get; set; } = 50;

    /// <summary>How queued mail is delivered (the <c>Workflows:Outbox</c> section).</summary>
    public Outbox.OutboxOptions Outbox { get; set; } = new();

    /// <summary>The SMTP server mail goes to (the <c>Smtp</c> section); without a host, mail becomes .eml files.</summary>
    public Outbox.SmtpOptions Smtp { get; set; } = new();

    /// <summary>This host's name on the leases it takes.</summary>
    public string HostId { get; set; } = NewHostId();

    private static string NewHostId()
    {
        var id = $"{Guid.NewGuid():N}:{Environment.ProcessId}:{Environment.MachineName}";
        return id.Length > 100 ? id[..100] : id;
    }
}
