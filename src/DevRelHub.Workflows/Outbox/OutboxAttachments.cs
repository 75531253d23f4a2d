using System.Text.Json;
using DevRelHub.Workflows.Activities;

namespace DevRelHub.Workflows.Outbox;

/// <summary>Attachments as the outbox row keeps them: JSON beside the body, contents in base64.</summary>
internal static class OutboxAttachments
{
    public static string? Write(IReadOnlyList<EmailAttachment>? attachments) =>
        attachments is { Count: > 0 } ? JsonSerializer.Serialize(attachments, JsonSerializerOptions.Web) : null;

    public static IReadOnlyList<EmailAttachment> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<EmailAttachment>>(json, JsonSerializerOptions.Web) ?? [];
}
