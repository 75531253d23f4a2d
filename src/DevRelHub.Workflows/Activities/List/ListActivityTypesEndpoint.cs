using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Workflows.Activities.List;

internal static class ListActivityTypesEndpoint
{
    public static void Map(IEndpointRouteBuilder workflows) =>
        workflows.MapGet("/activities", Handle)
            .WithName("ListActivityTypes")
            .WithSummary("Every activity type a workflow can use, by category, with its inputs and outcomes.");

    private static Ok<IEnumerable<ActivityDescriptor>> Handle(ActivityRegistry registry) =>
        TypedResults.Ok(registry.All.OrderBy(activity => activity.Category, StringComparer.Ordinal).ThenBy(activity => activity.Type, StringComparer.Ordinal).AsEnumerable());
}
