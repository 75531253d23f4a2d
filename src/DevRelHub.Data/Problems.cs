namespace DevRelHub.Data;

/// <summary>What was asked for does not exist; the API answers 404 with the message.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request cannot be applied to the current state (already done, moved on, not allowed now); the API answers 409 with the message.</summary>
public class ConflictException(string message) : Exception(message);

/// <summary>The caller may not see or do this (a panelist asking for an interview they do not sit on); the API answers 403 with the message.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
