namespace DevRelHub.Workflows.Outbox;

/// <summary>How queued mail leaves: over SMTP when <see cref="SmtpOptions.Host"/> is set, else as .eml files in <see cref="Directory"/>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether this host delivers queued mail; several hosts may, each row goes out once.</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>Where mail is written when no SMTP server is configured, relative to the working folder.</summary>
    public string Directory { get; set; } = "data/outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed mail is this host's before another host may try it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A mail that failed this often is left for a person to look at (its last error is kept).</summary>
    public int MaxAttempts { get; set; } = 10;

    public int BatchSize { get; set; } = 20;

    /// <summary>The sender of every mail.</summary>
    public string From { get; set; } = "DevRel Hub <no-reply@devrelhub.test>";
}

/// <summary>The <c>Smtp</c> settings section.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>Upgrade to TLS when the server offers it (STARTTLS); <c>false</c> for a server on localhost without TLS.</summary>
    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
