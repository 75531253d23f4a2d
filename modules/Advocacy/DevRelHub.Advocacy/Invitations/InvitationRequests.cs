using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Invitations;

internal sealed class InvitationInputValidator : AbstractValidator<InvitationInput>
{
    public InvitationInputValidator()
    {
        RuleFor(x => x.AdvocateId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Effort).NotEmpty().MaximumLength(300);
        RuleFor(x => x.InvitedBy).NotEmpty().MaximumLength(200);
        RuleFor(x => x.InvitedOn).PlausibleDate();
        RuleFor(x => x.Answer).IsInEnum();
        RuleFor(x => x.AnsweredOn).Null().When(x => x.Answer is InvitationAnswer.Pending).WithMessage("A pending invitation has no answer date.");
        RuleFor(x => x.AnsweredOn).GreaterThanOrEqualTo(x => x.InvitedOn).When(x => x.AnsweredOn is not null)
            .WithMessage("The answer comes after the invitation.");
        RuleFor(x => x.Notes).MaximumLength(2000);
    }
}

internal sealed class RecordInvitationValidator : AbstractValidator<RecordInvitation>
{
    public RecordInvitationValidator() => RuleFor(x => x.Invitation).NotNull().SetValidator(new InvitationInputValidator());
}

internal sealed class UpdateInvitationValidator : AbstractValidator<UpdateInvitation>
{
    public UpdateInvitationValidator() => RuleFor(x => x.Invitation).NotNull().SetValidator(new InvitationInputValidator());
}

internal static class InvitationStore
{
    public const string Select = """
        SELECT i.id AS Id, i.advocate_id AS AdvocateId, v.display_name AS AdvocateName, i.kind AS Kind, i.effort AS Effort, i.invited_by AS InvitedBy,
               i.invited_on AS InvitedOn, i.answer AS Answer, i.answered_on AS AnsweredOn, i.notes AS Notes
        FROM advocacy_invitation i
        JOIN advocacy_advocate v ON v.id = i.advocate_id
        """;

    public static Task<InvitationRecord?> FindAsync(Sql db, Guid id) => db.SingleOrDefaultAsync<InvitationRecord>(Select + "\nWHERE i.id = @Id", new { Id = id });

    public static object Row(Guid id, InvitationInput invitation, DateTimeOffset now) => new
    {
        Id = id, invitation.AdvocateId, Kind = invitation.Kind.ToString(), Effort = invitation.Effort.Trim(), InvitedBy = invitation.InvitedBy.Trim(),
        invitation.InvitedOn, Answer = invitation.Answer.ToString(), invitation.AnsweredOn, Notes = Validation.Clean(invitation.Notes), Now = now,
    };
}

internal sealed class RecordInvitationHandler(DbSession session, IPublisher publisher, TimeProvider clock) : ICommandHandler<RecordInvitation, InvitationRecord>
{
    private const string Insert = """
        INSERT INTO advocacy_invitation (id, advocate_id, kind, effort, invited_by, invited_on, answer, answered_on, notes, created_at)
        VALUES (@Id, @AdvocateId, @Kind, @Effort, @InvitedBy, @InvitedOn, @Answer, @AnsweredOn, @Notes, @Now)
        """;

    public async ValueTask<InvitationRecord> Handle(RecordInvitation command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        await Ownership.EnsureMayEditAsync(db, command.Invitation.AdvocateId, command.By, "Invitation.AdvocateId");
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(Insert, InvitationStore.Row(id, command.Invitation, now));
        var invitation = (await InvitationStore.FindAsync(db, id))!;
        await publisher.Publish(new InvitationReceived(invitation), cancellationToken);
        return invitation;
    }
}

internal sealed class UpdateInvitationHandler(DbSession session, IPublisher publisher, TimeProvider clock) : ICommandHandler<UpdateInvitation, InvitationRecord>
{
    private const string Update = """
        UPDATE advocacy_invitation SET advocate_id = @AdvocateId, kind = @Kind, effort = @Effort, invited_by = @InvitedBy, invited_on = @InvitedOn,
               answer = @Answer, answered_on = @AnsweredOn, notes = @Notes, updated_at = @Now
        WHERE id = @Id
        """;

    public async ValueTask<InvitationRecord> Handle(UpdateInvitation command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var before = await InvitationStore.FindAsync(db, command.Id) ?? throw new NotFoundException($"There is no invitation {command.Id}.");
        await Ownership.EnsureMayEditAsync(db, before.AdvocateId, command.By, "Invitation.AdvocateId");
        await Ownership.EnsureMayEditAsync(db, command.Invitation.AdvocateId, command.By, "Invitation.AdvocateId");
        await db.ExecuteAsync(Update, InvitationStore.Row(command.Id, command.Invitation, clock.GetUtcNow()));
        var invitation = (await InvitationStore.FindAsync(db, command.Id))!;
        await publisher.Publish(new InvitationReceived(invitation), cancellationToken);
        return invitation;
    }
}

internal sealed class ListInvitationsHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListInvitations, IReadOnlyList<InvitationRecord>>
{
    public async ValueTask<IReadOnlyList<InvitationRecord>> Handle(ListInvitations query, CancellationToken cancellationToken)
    {
        var where = Filter.Where(
            (query.AdvocateId is not null, "i.advocate_id = @AdvocateId"),
            (query.From is not null, "i.invited_on >= @From"),
            (query.To is not null, "i.invited_on <= @To"));
        var db = await Sql.OfAsync(session, cancellationToken);
        return await db.QueryAsync<InvitationRecord>(InvitationStore.Select + where + "\nORDER BY i.invited_on DESC, i.id" + dialect.Paging,
            new { query.AdvocateId, query.From, query.To, Offset = (query.Page - 1) * query.PageSize, Limit = query.PageSize });
    }
}

internal static class InvitationEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        var writers = new[] { Roles.Advocate, Roles.Admin };
        advocacy.MapGet("/invitations", async (ISender sender, CancellationToken cancellationToken, Guid? advocateId = null, DateOnly? from = null, DateOnly? to = null,
            int page = 1, int pageSize = 100) =>
            TypedResults.Ok(await sender.Send(new ListInvitations(advocateId, from, to, page, pageSize), cancellationToken))).WithName("ListInvitations");
        advocacy.MapPost("/invitations", Record).RequireAuthorization(policy => policy.RequireRole(writers))
            .WithName("RecordInvitation").WithSummary("Records an invitation to a community effort: who invited, to what, when, and the answer.");
        advocacy.MapPut("/invitations/{id:guid}", async (Guid id, InvitationInput invitation, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new UpdateInvitation(id, invitation, user.Editor()), cancellationToken)))
            .RequireAuthorization(policy => policy.RequireRole(writers)).WithName("UpdateInvitation");
    }

    private static async Task<Created<InvitationRecord>> Record(InvitationInput invitation, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new RecordInvitation(invitation, user.Editor()), cancellationToken);
        return TypedResults.Created($"/api/advocacy/invitations/{created.Id}", created);
    }
}
