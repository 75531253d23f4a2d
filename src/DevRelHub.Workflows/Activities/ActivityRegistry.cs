namespace DevRelHub.Workflows.Activities;

/// <summary>Every activity type the engine can run: the built-in ones and those modules register.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityDescriptor> byType;

    public ActivityRegistry(IEnumerable<ActivityDescriptor> contributed)
    {
        byType = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in BuiltInActivities.All.Concat(contributed))
        {
            if (!byType.TryAdd(descriptor.Type, descriptor))
            {
                throw new InvalidOperationException($"Two activities are registered as {descriptor.Type}; activity types must be unique.");
            }
        }
    }

    public IReadOnlyCollection<ActivityDescriptor> All => byType.Values;

    public ActivityDescriptor? Find(string type) => byType.GetValueOrDefault(type);
}
