using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DevRelHub.Advocacy.Activities;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Sylvan.Data.Csv;

namespace DevRelHub.Advocacy.Imports;

/// <summary>
/// Imports activities from CSV: one line per activity, the columns named in the header (README, "Importing
/// activities"). Every line is read and checked before anything is written; a file with any bad line stores
/// nothing and names each bad line with its reason. A line whose advocate, kind, title and date an earlier import
/// stored is skipped, so the same file imported twice stores its activities once.
/// </summary>
internal sealed class ImportActivitiesHandler(DbSession session, IPublisher publisher, TimeProvider clock) : ICommandHandler<ImportActivities, ActivityImportResult>
{
    private const string SelectAdvocates = "SELECT id AS Id, email AS Email FROM advocacy_advocate";
    private const string KeyExists = "SELECT COUNT(*) FROM advocacy_activity_import WHERE import_key = @Key";
    private const string InsertKey = """
        INSERT INTO advocacy_activity_import (import_key, activity_id, file_name, line, imported_at)
        VALUES (@Key, @ActivityId, @FileName, @Line, @Now)
        """;

    private static readonly ActivityInputValidator Validator = new();

    public async ValueTask<ActivityImportResult> Handle(ImportActivities command, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var advocates = (await db.QueryAsync<(Guid Id, string Email)>(SelectAdvocates)).ToDictionary(a => a.Email, a => a.Id, StringComparer.OrdinalIgnoreCase);
        var parsed = await ActivityCsv.ReadAsync(command.Content, advocates, command.By, cancellationToken);
        var errors = parsed.Errors;
        foreach (var line in parsed.Lines)
        {
            var result = await Validator.ValidateAsync(line.Activity, cancellationToken);
            errors.AddRange(result.Errors.Select(error => new ImportError(line.Number, ActivityCsv.ColumnOf(error.PropertyName), error.ErrorMessage)));
        }
        if (errors.Count > 0)
        {
            return new ActivityImportResult(command.FileName, parsed.Lines.Count, 0, 0, [.. errors.OrderBy(error => error.Line).ThenBy(error => error.Column, StringComparer.Ordinal)]);
        }
        var now = clock.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stored = new List<ActivitySummary>();
        foreach (var line in parsed.Lines)
        {
            if (!seen.Add(line.Key) || await db.ScalarAsync<int>(KeyExists, new { line.Key }) > 0)
            {
                continue;
            }
            var id = Guid.CreateVersion7(now);
            await ActivityStore.InsertAsync(db, id, line.Activity, now);
            await db.ExecuteAsync(InsertKey, new { line.Key, ActivityId = id, command.FileName, Line = line.Number, Now = now });
            stored.Add((await ActivityStore.FindSummaryAsync(db, id))!);
        }
        foreach (var activity in stored)
        {
            await publisher.Publish(new ActivityLogged(activity), cancellationToken);
        }
        return new ActivityImportResult(command.FileName, parsed.Lines.Count, stored.Count, parsed.Lines.Count - stored.Count, []);
    }
}

/// <summary>The CSV columns of an activity and how a line becomes an <see cref="ActivityInput"/>.</summary>
internal static class ActivityCsv
{
    public const int MaxLines = 100_000;

    public const string AdvocateColumn = "advocate_email";
    public const string KindColumn = "kind";
    public const string TitleColumn = "title";
    public const string DateColumn = "occurred_on";
    public const string UrlColumn = "url";
    public const string TagsColumn = "tags";
    public const string CoAuthorsColumn = "co_authors";

    private static readonly string[] Required = [AdvocateColumn, KindColumn, TitleColumn, DateColumn];

    /// <summary>Every column a file may have.</summary>
    public static IReadOnlySet<string> Columns { get; } =
        new[] { AdvocateColumn, KindColumn, TitleColumn, DateColumn, UrlColumn, TagsColumn, CoAuthorsColumn }
            .Concat(ActivityFields.AllColumns).ToHashSet(StringComparer.Ordinal);

    public sealed record Line(int Number, ActivityInput Activity, string Key);

    public sealed record Parsed(List<Line> Lines, List<ImportError> Errors);

    /// <summary>The column a validation message is about: <c>Details.AudienceSize</c> → <c>audience_size</c>.</summary>
    public static string ColumnOf(string property) => property.Split('.')[^1] switch
    {
        nameof(ActivityInput.AdvocateId) => AdvocateColumn,
        nameof(ActivityInput.OccurredOn) => DateColumn,
        nameof(ActivityInput.CoAuthorIds) => CoAuthorsColumn,
        nameof(ActivityInput.Details) => KindColumn,
        var name => Enum.GetValues<ActivityKind>().SelectMany(ActivityFields.Of).FirstOrDefault(field => field.Name == name.Split('[')[0])?.Column
            ?? name.Split('[')[0].ToLowerInvariant(),
    };

    public static async Task<Parsed> ReadAsync(Stream content, IReadOnlyDictionary<string, Guid> advocates, Editor by, CancellationToken cancellationToken)
    {
        var lines = new List<Line>();
        var errors = new List<ImportError>();
        using var text = new StreamReader(content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            if (text.Peek() < 0)
            {
                errors.Add(new ImportError(1, null, "The file is empty; its first line names the columns: " + string.Join(",", Required) + "."));
                return new Parsed(lines, errors);
            }
            await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, ResultSetMode = ResultSetMode.SingleResult }, cancellationToken);
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToArray();
            var headerErrors = CheckHeader(header);
            if (headerErrors.Count > 0)
            {
                errors.AddRange(headerErrors);
                return new Parsed(lines, errors);
            }
            var number = 1;
            while (await csv.ReadAsync(cancellationToken))
            {
                number++;
                if (number - 1 > MaxLines)
                {
                    errors.Add(new ImportError(number, null, $"A file holds at most {MaxLines:N0} activities; split it."));
                    break;
                }
                if (csv.RowFieldCount != header.Length)
                {
                    errors.Add(new ImportError(number, null, $"The line has {csv.RowFieldCount} fields; the header has {header.Length}."));
                    continue;
                }
                var values = header.Select((name, i) => (name, value: csv.GetString(i).Trim()))
                    .Where(field => field.value.Length > 0)
                    .ToDictionary(field => field.name, field => field.value, StringComparer.Ordinal);
                var line = ReadLine(number, values, advocates, by, errors);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
            if (number == 1)
            {
                errors.Add(new ImportError(1, null, "The file has a header but no activities."));
            }
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new ImportError(lines.Count + errors.Count + 2, null, "The file is not UTF-8 text; save it as CSV UTF-8 and import it again."));
        }
        catch (CsvFormatException e)
        {
            errors.Add(new ImportError(e.RowNumber, null, $"The line is not valid CSV: {e.Message}"));
        }
        return new Parsed(lines, errors);
    }

    private static List<ImportError> CheckHeader(string[] header)
    {
        var problems = new List<ImportError>();
        foreach (var missing in Required.Where(column => !header.Contains(column)))
        {
            problems.Add(new ImportError(1, missing, $"The header has no column {missing}."));
        }
        foreach (var unknown in header.Where(column => !Columns.Contains(column)))
        {
            problems.Add(new ImportError(1, unknown, $"The column '{unknown}' is not one this import knows."));
        }
        foreach (var twice in header.GroupBy(column => column).Where(group => group.Count() > 1))
        {
            problems.Add(new ImportError(1, twice.Key, $"The column {twice.Key} appears {twice.Count()} times."));
        }
        return problems;
    }

    private static Line? ReadLine(int number, Dictionary<string, string> values, IReadOnlyDictionary<string, Guid> advocates, Editor by, List<ImportError> errors)
    {
        var before = errors.Count;
        void Fail(string column, string reason) => errors.Add(new ImportError(number, column, reason));

        var email = values.GetValueOrDefault(AdvocateColumn);
        var advocateId = Guid.Empty;
        if (email is null)
        {
            Fail(AdvocateColumn, "The advocate's e-mail is missing.");
        }
        else if (!advocates.TryGetValue(email, out advocateId))
        {
            Fail(AdvocateColumn, $"No advocate has the e-mail {email}.");
        }
        else if (!by.IsAdmin && !string.Equals(email, by.Email, StringComparison.OrdinalIgnoreCase))
        {
            Fail(AdvocateColumn, $"You import your own activities; {email} is someone else.");
        }
        ActivityKind kind = default;
        var kindText = values.GetValueOrDefault(KindColumn);
        if (kindText is null || !Enum.TryParse(kindText.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out kind) || !Enum.IsDefined(kind))
        {
            Fail(KindColumn, $"'{kindText}' is not a kind of activity: {string.Join(", ", Enum.GetNames<ActivityKind>())}.");
            return null;
        }
        var dateText = values.GetValueOrDefault(DateColumn);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredOn))
        {
            Fail(DateColumn, $"'{dateText}' is not a date written as 2026-07-14.");
        }
        var coAuthors = new List<Guid>();
        foreach (var coAuthor in Split(values.GetValueOrDefault(CoAuthorsColumn)))
        {
            if (advocates.TryGetValue(coAuthor, out var id))
            {
                coAuthors.Add(id);
            }
            else
            {
                Fail(CoAuthorsColumn, $"No advocate has the e-mail {coAuthor}.");
            }
        }
        var details = ReadDetails(kind, values, Fail);
        if (details is null || errors.Count > before)
        {
            return null;
        }
        var title = values.GetValueOrDefault(TitleColumn) ?? "";
        var activity = new ActivityInput(advocateId, title, occurredOn, details, values.GetValueOrDefault(UrlColumn), [.. Split(values.GetValueOrDefault(TagsColumn))], coAuthors);
        return new Line(number, activity, Key(email!, kind, title, occurredOn));
    }

    private static ActivityDetails? ReadDetails(ActivityKind kind, Dictionary<string, string> values, Action<string, string> fail)
    {
        var fieldValues = new Dictionary<string, object?>();
        var failed = false;
        foreach (var field in ActivityFields.Of(kind))
        {
            if (!values.TryGetValue(field.Column, out var value))
            {
                if (field.Required && field.Type != typeof(string))
                {
                    Refuse($"A {kind} needs {field.Column}.");
                }
                continue;
            }
            var type = field.Type;
            fieldValues[field.Name] = type switch
            {
                _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : Refuse($"'{value}' is not a whole number."),
                _ when type == typeof(bool) => value.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => true,
                    "false" or "no" or "0" => false,
                    _ => Refuse($"'{value}' is not yes or no."),
                },
                _ when type.IsEnum => Enum.TryParse(type, value.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var member) && Enum.IsDefined(type, member!)
                    ? member
                    : Refuse($"'{value}' is not one of {string.Join(", ", Enum.GetNames(type))}."),
                _ when type == typeof(DateOnly) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : Refuse($"'{value}' is not a date written as 2026-07-14."),
                _ when type == typeof(Guid) => Guid.TryParse(value, out var id) ? id : Refuse($"'{value}' is not an id."),
                _ => value,
            };

            object? Refuse(string reason)
            {
                fail(field.Column, reason);
                failed = true;
                return null;
            }
        }
        return failed ? null : ActivityFields.Create(kind, fieldValues);
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What makes two lines the same activity: advocate, kind, title (any case) and date.</summary>
    private static string Key(string email, ActivityKind kind, string title, DateOnly occurredOn) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', email.ToLowerInvariant(), kind, title.Trim().ToLowerInvariant(), occurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))));
}
