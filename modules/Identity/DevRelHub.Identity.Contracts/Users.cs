using Mediator;

namespace DevRelHub.Identity.Contracts;

/// <summary>A user as other modules see them.</summary>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, string Role);

/// <summary>Creates a user who can sign in. Fails with a validation error when the e-mail is taken or the role unknown.</summary>
public sealed record CreateUser(string Email, string DisplayName, string Role, string Password) : ICommand<UserSummary>;

/// <summary>The number of users; zero means the database has never been seeded.</summary>
public sealed record CountUsers : IQuery<int>;

/// <summary>The users holding <paramref name="Role"/> (every user when null), by name: the executives a report goes to.</summary>
public sealed record ListUsers(string? Role = null) : IQuery<IReadOnlyList<UserSummary>>;
