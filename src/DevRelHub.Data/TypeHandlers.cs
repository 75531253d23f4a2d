using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace DevRelHub.Data;

/// <summary>
/// Dapper type handlers that make <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>, <see cref="Guid"/>,
/// <see cref="bool"/> and <see cref="int"/> read and write the same on SQLite, PostgreSQL and SQL Server.
/// SQLite has no such column types, so it stores them as sortable text (UTC, fixed width) and 64-bit
/// integers; reading those back into records' constructors needs a handler for each.
/// Dapper's handlers are process-wide; each one asks the parameter which driver it belongs to.
/// </summary>
public static class TypeHandlers
{
    private static readonly DateTimeOffsetHandler DateTimeOffsets = new();
    private static readonly DateOnlyHandler Dates = new();
    private static readonly GuidHandler Guids = new();
    private static readonly BooleanHandler Booleans = new();
    private static readonly Int32Handler Int32s = new();

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Add(DateTimeOffsets);
        Add(Dates);
        Add(Guids);
        Add(Booleans);
        Add(Int32s);
        return true;
    });

    public static void Register() => _ = Registered.Value;

    /// <summary>
    /// Adds a parameter to a hand-built command, written exactly as Dapper writes it through these handlers;
    /// for the few hot statements that bind many values and cannot afford Dapper's per-call parameter work.
    /// </summary>
    public static void AddParameter(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        SetValue(parameter, value);
        command.Parameters.Add(parameter);
    }

    /// <summary>Sets a hand-built parameter's value exactly as Dapper writes it through these handlers.</summary>
    public static void SetValue(IDbDataParameter parameter, object? value)
    {
        switch (value)
        {
            case null:
                parameter.Value = DBNull.Value;
                break;
            case DateTimeOffset instant:
                DateTimeOffsets.SetValue(parameter, instant);
                break;
            case DateOnly date:
                Dates.SetValue(parameter, date);
                break;
            case Guid id:
                Guids.SetValue(parameter, id);
                break;
            case bool flag:
                Booleans.SetValue(parameter, flag);
                break;
            case int number:
                Int32s.SetValue(parameter, number);
                break;
            default:
                parameter.Value = value;
                break;
        }
    }

    private static void Add<T>(SqlMapper.TypeHandler<T> handler)
    {
        SqlMapper.RemoveTypeMap(typeof(T));
        SqlMapper.RemoveTypeMap(typeof(T?));
        SqlMapper.AddTypeHandler(handler);
    }

    /// <summary>Reads a column of a hand-read row as these handlers read it for Dapper.</summary>
    public static Guid ReadGuid(System.Data.Common.DbDataReader reader, int ordinal) => Guids.Parse(reader.GetValue(ordinal));

    /// <inheritdoc cref="ReadGuid"/>
    public static int ReadInt32(System.Data.Common.DbDataReader reader, int ordinal) => Int32s.Parse(reader.GetValue(ordinal));

    /// <inheritdoc cref="ReadGuid"/>
    public static DateOnly ReadDate(System.Data.Common.DbDataReader reader, int ordinal) => Dates.Parse(reader.GetValue(ordinal));

    /// <inheritdoc cref="ReadGuid"/>
    public static string? ReadString(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal const string SqliteTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    internal const string SqliteDateFormat = "yyyy-MM-dd";

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            var utc = value.ToUniversalTime();
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = utc.ToString(SqliteTimestampFormat, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = utc;
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset dto => dto.ToUniversalTime(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a DateTimeOffset from {value.GetType().Name}."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString(SqliteDateFormat, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s[..10], SqliteDateFormat, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a DateOnly from {value.GetType().Name}."),
        };
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] { Length: 16 } bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a Guid from {value.GetType().Name}."),
        };
    }

    private sealed class BooleanHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Boolean;
            parameter.Value = value;
        }

        public override bool Parse(object value) => value switch
        {
            bool b => b,
            long l => l != 0,
            int i => i != 0,
            short s => s != 0,
            byte b => b != 0,
            string s => s is "1" || bool.Parse(s),
            _ => throw new DataException($"Cannot read a bool from {value.GetType().Name}."),
        };
    }

    private sealed class Int32Handler : SqlMapper.TypeHandler<int>
    {
        public override void SetValue(IDbDataParameter parameter, int value)
        {
            parameter.DbType = DbType.Int32;
            parameter.Value = value;
        }

        public override int Parse(object value) => value switch
        {
            int i => i,
            long l => checked((int)l),
            _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        };
    }
}
