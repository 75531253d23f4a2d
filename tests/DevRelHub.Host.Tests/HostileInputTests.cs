using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Host.Tests;

/// <summary>
/// Every POST and PUT of the OpenAPI document, sent as Admin (who passes most doors) with bodies built from its
/// schema's property names and hostile values: wrong types, huge strings, nulls, unicode, SQL and script
/// injection, oversize arrays, broken JSON. No answer may be a 500, and a refused request must leave every table
/// as it was. The values come from a seeded generator, so a failure repeats.
/// </summary>
public sealed class HostileInputTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const int Seed = 20261129;
    private const int BodiesPerOperation = 12;

    private static readonly JsonNode?[] Hostile =
    [
        null, "", " ", new string('x', 100_000), "'; DROP TABLE identity_user; --", "\" OR 1=1 --", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "Ω≈ç√∫˜µ≤≥÷ 👩🏽‍💻 \u202Eabc", "\u0000", "../../etc/passwd", "2026-13-45", "9999-12-31", "-1",
        -1, 0, long.MaxValue, double.MaxValue, -0.0, 1e308, true, false, new JsonArray(), new JsonObject(), new JsonArray(1, "two", null),
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "2026-Q9",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_bodies_never_get_a_500_and_a_refused_one_changes_nothing()
    {
        await app.StartAsync();
        await app.SeedDemoAsync();
        var admin = await app.ClientAsAsync(Roles.Admin);
        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(property => property.Name is "post" or "put"))
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    continue;
                }
                var schema = Resolve(json.GetProperty("schema"), schemas);
                for (var i = 0; i < BodiesPerOperation; i++)
                {
                    var payload = Body(schema, schemas, random, i);
                    var url = OpenApiPaths.Fill(path.Name);
                    var before = await TablesAsync();
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url)
                    {
                        Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                    };
                    var response = await admin.SendAsync(request, Ct);
                    sent++;
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                    {
                        failures.Add($"{operation.Name.ToUpperInvariant()} {path.Name} answered {status} to {Shorten(payload)}: {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
                    }
                    else if (status >= 400 && await TablesAsync() is var after && !after.SequenceEqual(before))
                    {
                        failures.Add($"{operation.Name.ToUpperInvariant()} {path.Name} refused {Shorten(payload)} with {status} but changed " +
                            string.Join(", ", after.Where(table => !before.Contains(table)).Select(table => table.Name)));
                    }
                }
            }
        }

        Assert.True(sent > 300, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests went wrong (seed {Seed}):\n" + string.Join("\n", failures.Take(30)));
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        return schema;
    }

    /// <summary>Broken JSON, an oversize array, or an object whose properties (from the schema) get hostile values.</summary>
    private static string Body(JsonElement schema, JsonElement schemas, Random random, int variant)
    {
        if (variant == 0)
        {
            return "{\"unterminated\": [1, 2";
        }
        if (variant == 1)
        {
            return "[" + string.Join(',', Enumerable.Repeat("{}", 20_001)) + "]";
        }
        if (schema.TryGetProperty("items", out var items))
        {
            var array = new JsonArray();
            for (var i = 0; i < random.Next(1, 4); i++)
            {
                array.Add(Object(Resolve(items, schemas), random));
            }
            return array.ToJsonString();
        }
        return Object(schema, random).ToJsonString();
    }

    private static JsonObject Object(JsonElement schema, Random random)
    {
        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var value = Hostile[random.Next(Hostile.Length)];
                result[property.Name] = value?.DeepClone();
            }
        }
        return result;
    }

    /// <summary>Every table's name and row count: what a refused request must leave as it found it.</summary>
    private async Task<List<(string Name, long Rows)>> TablesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using DbConnection db = scope.ServiceProvider.GetRequiredService<IDbConnectionFactory>().Create();
        await db.OpenAsync(Ct);
        var tables = await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            counts.Add((table, await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"")));
        }
        return counts;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
