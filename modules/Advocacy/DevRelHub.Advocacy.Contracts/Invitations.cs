using System.Text.Json.Serialization;
using Mediator;

namespace DevRelHub.Advocacy.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<InvitationKind>))]
public enum InvitationKind
{
    Speak,
    Panel,
    PodcastGuest,
    CoAuthor,
    Maintainer,
    Reviewer,
    ProgramCommittee,
}

[JsonConverter(typeof(JsonStringEnumConverter<InvitationAnswer>))]
public enum InvitationAnswer
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>An invitation to a community effort: who invited the advocate, to what, when, and what they answered.</summary>
public sealed record InvitationInput(
    Guid AdvocateId, InvitationKind Kind, string Effort, string InvitedBy, DateOnly InvitedOn,
    InvitationAnswer Answer = InvitationAnswer.Pending, DateOnly? AnsweredOn = null, string? Notes = null);

public sealed record InvitationRecord(
    Guid Id, Guid AdvocateId, string AdvocateName, InvitationKind Kind, string Effort, string InvitedBy, DateOnly InvitedOn,
    InvitationAnswer Answer, DateOnly? AnsweredOn, string? Notes);

public sealed record RecordInvitation(InvitationInput Invitation, Editor By) : ICommand<InvitationRecord>;

public sealed record UpdateInvitation(Guid Id, InvitationInput Invitation, Editor By) : ICommand<InvitationRecord>;

/// <summary>Invitations between two dates (inclusive), latest first, a page at a time.</summary>
public sealed record ListInvitations(Guid? AdvocateId = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 100)
    : IQuery<IReadOnlyList<InvitationRecord>>;
