using DevRelHub.Data;

namespace DevRelHub.Testing;

/// <summary>Another host's view of a database a first host owns: a second process of a scale-out, created and removed by the owner.</summary>
public sealed class SharedTestDatabase(TestDatabase owner) : TestDatabase
{
    public override DatabaseProvider Provider => owner.Provider;

    public override string ProviderName => owner.ProviderName;

    public override string? SkipReason => owner.SkipReason;

    public override string ConnectionString => owner.ConnectionString;

    public override Task CreateAsync() => Task.CompletedTask;

    public override Task ResetAsync() => owner.ResetAsync();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
