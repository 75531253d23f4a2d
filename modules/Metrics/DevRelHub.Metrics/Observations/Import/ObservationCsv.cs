using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DevRelHub.Metrics.Contracts;
using Sylvan.Data.Csv;

namespace DevRelHub.Metrics.Observations.Import;

/// <summary>
/// The CSV form of observations: a header naming the columns (README, "Importing metrics"), then one observation per
/// line. Reads from memory, since a precise line for a byte that is not UTF-8 needs the bytes, and parses each field
/// from its span without allocating.
/// </summary>
internal static class ObservationCsv
{
    public const long MaxBytes = 256L * 1024 * 1024;
    public const int MaxErrors = 1_000;

    public const string SubjectIdColumn = "subject_id";
    public const string MetricColumn = "metric";
    public const string ValueColumn = "value";
    public const string DateColumn = "observed_on";
    public const string SubjectKindColumn = "subject_kind";
    public const string SourceColumn = "source";
    public const string ExternalIdColumn = "external_id";
    public const string CumulativeColumn = "cumulative";

    private static readonly string[] Required = [SubjectIdColumn, MetricColumn, ValueColumn, DateColumn];
    private static readonly string[] Optional = [SubjectKindColumn, SourceColumn, ExternalIdColumn, CumulativeColumn];

    public sealed record Parsed(List<ObservationInput> Observations, List<int> LineNumbers, List<LineError> Errors);

    public static async Task<Parsed> ReadAsync(Stream content, DateOnly today, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var parsed = new Parsed([], [], []);
        if (await ReadAllAsync(content, cancellationToken) is not { } bytes)
        {
            parsed.Errors.Add(new LineError(1, null, $"The file is larger than {MaxBytes / 1024 / 1024} MB; split it."));
            return parsed;
        }
        if (FirstInvalidUtf8(bytes) is { } offset)
        {
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            parsed.Errors.Add(new LineError(line, null, $"Byte {offset:N0} (line {line}) is not UTF-8 text; save the file as CSV UTF-8 and import it again."));
            return parsed;
        }
        using var memory = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        using var text = new StreamReader(memory, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        if (text.Peek() < 0)
        {
            parsed.Errors.Add(new LineError(1, null, $"The file is empty; its first line names the columns: {string.Join(",", Required)}, and optionally {string.Join(",", Optional)}."));
            return parsed;
        }
        try
        {
            await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, ResultSetMode = ResultSetMode.SingleResult }, cancellationToken);
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToArray();
            if (CheckHeader(header, parsed.Errors))
            {
                Lines(csv, header, today, parsed, progress is null ? null : () => progress.Report(new ImportProgress("Reading", memory.Position, memory.Length)));
            }
        }
        catch (CsvFormatException e)
        {
            parsed.Errors.Add(new LineError(e.RowNumber, null, $"The line is not valid CSV: {e.Message}"));
        }
        return parsed;
    }

    private static void Lines(CsvDataReader csv, string[] header, DateOnly today, Parsed parsed, Action? reportProgress)
    {
        var subject = Array.IndexOf(header, SubjectIdColumn);
        var metric = Array.IndexOf(header, MetricColumn);
        var value = Array.IndexOf(header, ValueColumn);
        var date = Array.IndexOf(header, DateColumn);
        var kind = Array.IndexOf(header, SubjectKindColumn);
        var source = Array.IndexOf(header, SourceColumn);
        var externalId = Array.IndexOf(header, ExternalIdColumn);
        var cumulative = Array.IndexOf(header, CumulativeColumn);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var externalIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 1;
        var errors = parsed.Errors;
        while (csv.Read())
        {
            number++;
            if (number % 50_000 == 0)
            {
                reportProgress?.Invoke();
            }
            if (csv.RowFieldCount != header.Length)
            {
                errors.Add(new LineError(number, null, $"The line has {csv.RowFieldCount} fields; the header has {header.Length}."));
                continue;
            }
            var before = errors.Count;
            void Fail(string column, string reason) => errors.Add(new LineError(number, column, reason));

            var subjectText = csv.GetFieldSpan(subject).Trim();
            if (!Guid.TryParse(subjectText, out var subjectId))
            {
                Fail(SubjectIdColumn, $"'{subjectText}' is not an id (a GUID such as 0190c6a4-8f1e-7d3a-9b2c-1d2e3f4a5b6c).");
            }
            var metricText = csv.GetFieldSpan(metric).Trim();
            if (!Enum.TryParse<MetricKind>(metricText, ignoreCase: true, out var metricKind) || !Enum.IsDefined(metricKind) || IsNumber(metricText))
            {
                Fail(MetricColumn, $"'{metricText}' is not a metric: {string.Join(", ", Enum.GetNames<MetricKind>())}.");
            }
            var valueText = csv.GetFieldSpan(value).Trim();
            if (!long.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var number64))
            {
                Fail(ValueColumn, $"'{valueText}' is not a whole number of zero or more.");
            }
            var dateText = csv.GetFieldSpan(date).Trim();
            if (!TryParseDate(dateText, out var observedOn))
            {
                Fail(DateColumn, $"'{dateText}' is not a date written as 2026-07-14.");
            }
            var subjectKind = SubjectKind.Activity;
            if (kind >= 0 && csv.GetFieldSpan(kind).Trim() is { Length: > 0 } kindText
                && (!Enum.TryParse(kindText, ignoreCase: true, out subjectKind) || !Enum.IsDefined(subjectKind) || IsNumber(kindText)))
            {
                Fail(SubjectKindColumn, $"'{kindText}' is not a subject: {string.Join(", ", Enum.GetNames<SubjectKind>())}.");
            }
            var isCumulative = false;
            if (cumulative >= 0 && csv.GetFieldSpan(cumulative).Trim() is { Length: > 0 } flag)
            {
                if (OneOf(flag, "true", "yes", "1"))
                {
                    isCumulative = true;
                }
                else if (!OneOf(flag, "false", "no", "0"))
                {
                    Fail(CumulativeColumn, $"'{flag}' is not yes or no.");
                }
            }
            if (errors.Count > before)
            {
                if (errors.Count >= MaxErrors)
                {
                    break;
                }
                continue;
            }
            var input = new ObservationInput(subjectId, metricKind, number64, observedOn, subjectKind,
                source >= 0 ? Intern(sources, csv.GetFieldSpan(source).Trim()) : null,
                externalId >= 0 ? Intern(externalIds, csv.GetFieldSpan(externalId).Trim()) : null,
                isCumulative);
            foreach (var (field, reason) in ObservationRules.Check(input, today))
            {
                Fail(ColumnOf(field), reason);
            }
            if (errors.Count == before)
            {
                parsed.Observations.Add(input);
                parsed.LineNumbers.Add(number);
            }
            else if (errors.Count >= MaxErrors)
            {
                break;
            }
        }
        if (number == 1)
        {
            errors.Add(new LineError(1, null, "The file has a header but no observations."));
        }
    }

    public static string ColumnOf(string field) => field switch
    {
        nameof(ObservationInput.SubjectId) => SubjectIdColumn,
        nameof(ObservationInput.SubjectKind) => SubjectKindColumn,
        nameof(ObservationInput.Metric) => MetricColumn,
        nameof(ObservationInput.Value) => ValueColumn,
        nameof(ObservationInput.ObservedOn) => DateColumn,
        nameof(ObservationInput.Source) => SourceColumn,
        nameof(ObservationInput.ExternalId) => ExternalIdColumn,
        _ => field,
    };

    private static bool CheckHeader(string[] header, List<LineError> errors)
    {
        foreach (var missing in Required.Where(column => !header.Contains(column)))
        {
            errors.Add(new LineError(1, missing, $"The header has no column {missing}."));
        }
        foreach (var unknown in header.Where(column => !Required.Contains(column) && !Optional.Contains(column)))
        {
            errors.Add(new LineError(1, unknown, $"The column '{unknown}' is not one this import knows: {string.Join(", ", Required.Concat(Optional))}."));
        }
        foreach (var twice in header.GroupBy(column => column).Where(group => group.Count() > 1))
        {
            errors.Add(new LineError(1, twice.Key, $"The column {twice.Key} appears {twice.Count()} times."));
        }
        return errors.Count == 0;
    }

    private static bool OneOf(ReadOnlySpan<char> text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>yyyy-MM-dd, read by hand: the general parser took a third of the time a line costs.</summary>
    private static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    // Enum.TryParse accepts "3" as a member's number; a file means a name.
    private static bool IsNumber(ReadOnlySpan<char> text) => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+');

    // Most files name a handful of sources on every line, and each external id on many: one string each, not one per
    // line.
    private static string? Intern(Dictionary<string, string> seen, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var known))
        {
            known = text.ToString();
            seen[known] = known;
        }
        return known;
    }

    private static async Task<ArraySegment<byte>?> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static int? FirstInvalidUtf8(ArraySegment<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }
        var chars = ArrayPool<char>.Shared.Rent(65_536);
        try
        {
            var offset = 0;
            while (offset < bytes.Count)
            {
                var status = Utf8.ToUtf16(bytes.AsSpan(offset), chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                if (status == OperationStatus.InvalidData)
                {
                    return offset + read;
                }
                offset += read;
            }
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
