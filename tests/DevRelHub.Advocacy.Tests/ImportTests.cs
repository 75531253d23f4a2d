using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Advocacy.Tests.Support;
using DevRelHub.Identity.Contracts;

namespace DevRelHub.Advocacy.Tests;

public abstract class ImportTests(AdvocacyApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "advocate_email,kind,title,occurred_on,url,tags,event,session_type,audience_size,site,project,contribution,link";

    [Fact]
    public async Task A_file_with_three_bad_lines_among_a_thousand_stores_nothing_the_fixed_file_stores_a_thousand_and_again_none()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        var admin = await app.ClientAsAsync(Roles.Admin);
        var lines = Enumerable.Range(1, 1_000).Select(Line).ToArray();
        var broken = (string[])lines.Clone();
        broken[99] = "sam@devrelhub.test,Talk,A talk,2026-13-01,,,KubeCon,Talk,,,,,";
        broken[499] = "sam@devrelhub.test,Juggling,Balls,2026-07-01,,,,,,,,,";
        broken[899] = "nobody@devrelhub.test,BlogPost,Ghost post,2026-07-01,,,,,,Blog,,,";

        var refused = await ImportAsync(admin, broken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ImportProblem>(Ct);
        Assert.Equal([(101, "occurred_on"), (501, "kind"), (901, "advocate_email")], problem!.Errors.Select(error => (error.Line, error.Column!)));
        Assert.Contains("2026-07-14", problem.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await app.SendAsync(new ListActivities())).Total);

        var stored = await ImportAsync(admin, lines);
        var again = await ImportAsync(admin, lines);

        Assert.Equal((1_000, 1_000, 0), await CountsAsync(stored));
        Assert.Equal((1_000, 0, 1_000), await CountsAsync(again));
        Assert.Equal(1_000, (await app.SendAsync(new ListActivities())).Total);
        var talk = (await app.SendAsync(new ListActivities(Kind: ActivityKind.Talk, PageSize: 1))).Items[0];
        var record = await app.SendAsync(new GetActivity(talk.Id));
        Assert.Equal(SessionType.Keynote, ((TalkDetails)record!.Details).SessionType);
        Assert.Equal(["kubernetes", "storage"], record.Tags);
    }

    [Theory]
    [InlineData("", 1, null, "empty")]
    [InlineData(Header, 1, null, "no activities")]
    [InlineData("advocate_email,kind,title\nsam@devrelhub.test,Talk,x", 1, "occurred_on", "no column occurred_on")]
    [InlineData("advocate_email,kind,title,occurred_on,colour\nsam@devrelhub.test,Talk,x,2026-07-01,red", 1, "colour", "not one this import knows")]
    [InlineData("advocate_email,kind,title,occurred_on\nsam@devrelhub.test,BlogPost,x", 2, null, "has 3 fields; the header has 4")]
    [InlineData("advocate_email,kind,title,occurred_on,audience_size,event,session_type\nsam@devrelhub.test,Talk,x,2026-07-01,many,KubeCon,Talk", 2, "audience_size", "not a whole number")]
    [InlineData("advocate_email,kind,title,occurred_on,event\nsam@devrelhub.test,Talk,x,2026-07-01,KubeCon", 2, "session_type", "needs session_type")]
    [InlineData("advocate_email,kind,title,occurred_on,site\nsam@devrelhub.test,BlogPost,,2026-07-01,Blog", 2, "title", "must not be empty")]
    public async Task A_malformed_file_gets_a_precise_error_and_stores_nothing(string csv, int line, string? column, string reason)
    {
        await app.StartAsync();
        await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        var admin = await app.ClientAsAsync(Roles.Admin);

        var response = await ImportAsync(admin, Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ImportProblem>(Ct))!.Errors[0];
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await app.SendAsync(new ListActivities())).Total);
    }

    [Fact]
    public async Task A_file_not_in_utf8_is_refused_and_an_advocate_imports_only_their_own_lines()
    {
        await app.StartAsync();
        await app.SendAsync(new CreateAdvocate("Sam Rivera", "sam@devrelhub.test"));
        await app.SendAsync(new CreateAdvocate("Jo Park", "jo@devrelhub.test"));
        var sam = await app.ClientAsAsync(Roles.Advocate, "sam@devrelhub.test");
        var latin1 = Encoding.Latin1.GetBytes("advocate_email,kind,title,occurred_on,site\nsam@devrelhub.test,BlogPost,Caf\u00e9 na\u00efve,2026-07-01,Blog\n");

        var notUtf8 = await ImportAsync(sam, latin1);
        var someoneElse = await ImportAsync(sam, ["sam@devrelhub.test,BlogPost,Mine,2026-07-01,,,,,,Blog,,,", "jo@devrelhub.test,BlogPost,Jo's,2026-07-01,,,,,,Blog,,,"]);

        Assert.Contains("not UTF-8", (await notUtf8.Content.ReadFromJsonAsync<ImportProblem>(Ct))!.Errors[0].Reason, StringComparison.Ordinal);
        var error = Assert.Single((await someoneElse.Content.ReadFromJsonAsync<ImportProblem>(Ct))!.Errors);
        Assert.Equal((3, "advocate_email"), (error.Line, error.Column));
        Assert.Equal(0, (await app.SendAsync(new ListActivities())).Total);
    }

    /// <summary>Line <paramref name="i"/> of a good file: a talk, a blog post (its title quoted, with a comma) or an open-source contribution.</summary>
    private static string Line(int i) => string.Join(",", (i % 3) switch
    {
        0 => ["sam@devrelhub.test", "Talk", $"Talk {i}", $"2026-07-{i % 28 + 1:D2}", $"https://example.com/{i}", "kubernetes;storage", "KubeCon", "Keynote", $"{i}", "", "", "", ""],
        1 => ["jo@devrelhub.test", "BlogPost", $"\"Post {i}, with a comma\"", $"2026-08-{i % 28 + 1:D2}", "", "", "", "", "", "The blog", "", "", ""],
        _ => new[] { "sam@devrelhub.test", "OpenSourceContribution", $"PR {i}", $"2026-09-{i % 28 + 1:D2}", "", "", "", "", "", "", "OpenEBS", "code", $"https://github.com/openebs/openebs/pull/{i}" },
    });

    private Task<HttpResponseMessage> ImportAsync(HttpClient client, IEnumerable<string> lines) =>
        ImportAsync(client, Encoding.UTF8.GetBytes(string.Join("\n", lines.Prepend(Header)) + "\n"));

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "activities.csv");
        return await client.PostAsync("/api/advocacy/imports", form, Ct);
    }

    private static async Task<(int Lines, int Stored, int AlreadyPresent)> CountsAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var result = (await response.Content.ReadFromJsonAsync<ActivityImportResult>(Ct))!;
        return (result.Lines, result.Stored, result.AlreadyPresent);
    }

    private sealed record ImportProblem(IReadOnlyList<ImportError> Errors);
}

public sealed class ImportTestsOnSqlite(AdvocacyAppOnSqlite app) : ImportTests(app), IClassFixture<AdvocacyAppOnSqlite>;

public sealed class ImportTestsOnPostgres(AdvocacyAppOnPostgres app) : ImportTests(app), IClassFixture<AdvocacyAppOnPostgres>;
