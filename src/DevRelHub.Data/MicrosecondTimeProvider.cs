namespace DevRelHub.Data;

/// <summary>
/// A clock that ticks in whole microseconds, the finest time PostgreSQL stores. With it, an instant a
/// handler answers is exactly the instant a later read returns, on every database.
/// </summary>
public sealed class MicrosecondTimeProvider(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();
}
