using Mediator;

namespace DevRelHub.Advocacy.Contracts;

/// <summary>
/// Imports activities from CSV (the columns are in the README). Every line is checked first; a file with any bad
/// line stores nothing and the answer names each bad line. Lines already imported are not stored again.
/// </summary>
public sealed record ImportActivities(string FileName, Stream Content, Editor By) : ICommand<ActivityImportResult>;

/// <param name="Stored">Activities the file added.</param>
/// <param name="AlreadyPresent">Lines whose activity an earlier import (or this file, twice) already stored.</param>
public sealed record ActivityImportResult(string FileName, int Lines, int Stored, int AlreadyPresent, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <param name="Line">The line of the file, counting the header as line 1.</param>
public sealed record ImportError(int Line, string? Column, string Reason);
