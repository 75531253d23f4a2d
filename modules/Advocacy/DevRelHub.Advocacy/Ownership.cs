using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;

namespace DevRelHub.Advocacy;

/// <summary>Who may change what: advocates their own records, Admin all.</summary>
internal static class Ownership
{
    private const string Owner = "SELECT display_name AS Name, email AS Email FROM advocacy_advocate WHERE id = @Id";

    /// <summary>The editor a signed-in user is.</summary>
    public static Editor Editor(this ClaimsPrincipal user) =>
        new(user.Email(), user.IsInRole(Roles.Admin));

    /// <summary>The advocate a form starts on: the editor's own, else the first (Admin picks), else none.</summary>
    public static Guid StartingAdvocate(this IReadOnlyList<AdvocateSummary> advocates, Editor editor) =>
        advocates.FirstOrDefault(advocate => advocate.Email == editor.Email)?.Id ?? advocates.FirstOrDefault()?.Id ?? Guid.Empty;

    /// <summary>
    /// Answers the advocate's name when <paramref name="by"/> may change records of <paramref name="advocateId"/>; a
    /// validation failure on <paramref name="field"/> when there is no such advocate, forbidden when they are someone else.
    /// </summary>
    public static async Task<string> EnsureMayEditAsync(Sql db, Guid advocateId, Editor by, string field)
    {
        var owner = await db.SingleOrDefaultAsync<(string Name, string Email)?>(Owner, new { Id = advocateId })
            ?? throw new ValidationException([new ValidationFailure(field, $"There is no advocate {advocateId}.")]);
        if (!by.IsAdmin && !string.Equals(owner.Email, by.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForbiddenException($"Advocates change their own records; this one is {owner.Name}'s.");
        }
        return owner.Name;
    }
}
