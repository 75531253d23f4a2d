using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DevRelHub.Workflows.Activities;

/// <summary>Every activity type the engine can run: the built-in ones and those modules register.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Activity> byType;

    public ActivityRegistry(IEnumerable<Activity> contributed)
    {
        byType = new Dictionary<string, Activity>(StringComparer.Ordinal);
        foreach (var activity in BuiltInActivities.All.Concat(contributed))
        {
            if (!byType.TryAdd(activity.Descriptor.Type, activity))
            {
                throw new InvalidOperationException($"Two activities are registered as {activity.Descriptor.Type}; activity types must be unique.");
            }
        }
    }

    public IEnumerable<ActivityDescriptor> All => byType.Values.Select(activity => activity.Descriptor);

    public Activity? Find(string? type) => type is null ? null : byType.GetValueOrDefault(type);
}

public static class ActivityServiceCollectionExtensions
{
    /// <summary>Adds a module's activity type to the engine and the designer's toolbox.</summary>
    public static IServiceCollection AddActivity<TActivity>(this IServiceCollection services) where TActivity : Activity
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Activity, TActivity>());
        return services;
    }
}
