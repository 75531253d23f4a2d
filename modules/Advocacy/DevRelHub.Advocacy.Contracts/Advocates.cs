using Mediator;

namespace DevRelHub.Advocacy.Contracts;

/// <summary>A member of the developer-advocacy team.</summary>
public sealed record AdvocateSummary(Guid Id, string DisplayName, string Email);

/// <summary>Adds a member to the team. The e-mail identifies them.</summary>
public sealed record CreateAdvocate(string DisplayName, string Email) : ICommand<AdvocateSummary>;

/// <summary>Every advocate, by name.</summary>
public sealed record ListAdvocates : IQuery<IReadOnlyList<AdvocateSummary>>;
