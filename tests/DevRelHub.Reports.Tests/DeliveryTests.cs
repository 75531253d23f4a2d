using System.Net;
using System.Net.Http.Json;
using DevRelHub.Identity.Contracts;
using DevRelHub.Reports.Delivery;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace DevRelHub.Reports.Tests;

public abstract class DeliveryTests
{
    private const string Subject = "DevRel Hub quarterly report 2026-Q3";
    private static readonly string[] Executives = ["ceo@devrelhub.test", "vp.marketing@devrelhub.test"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract TestDatabase NewDatabase();

    // The hosts start on 30 September, when 2026-Q2's report is due but no Executive exists yet: the schedule waits
    // instead of marking Q2 sent to nobody, so the only report kept is Q3's.
    [Fact]
    public async Task Two_hosts_send_each_executive_the_quarter_report_once_with_the_pdf_attached()
    {
        await using var smtp = new TestSmtpServer();
        await using var first = new DeliveringApp(NewDatabase(), smtp);
        Assert.SkipWhen(first.Database.SkipReason is not null, first.Database.SkipReason ?? "");
        await first.InitializeAsync();
        await using var second = new DeliveringApp(new SharedTestDatabase(first.Database), smtp);
        await second.InitializeAsync();
        await first.SeedDemoAsync();
        await CreateExecutivesAsync(first);
        string[] everyone = [.. Executives, "exec@devrelhub.test"];

        await using (TurnClocks(new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.Zero), first, second))
        {
            foreach (var executive in everyone)
            {
                await smtp.MessagesToAsync(executive, 1, Subject);
            }
            // Both hosts keep checking (every 30 s of their clocks, some 20 times a second here) and must find it sent.
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        }

        foreach (var executive in everyone)
        {
            var mail = Assert.Single(await smtp.MessagesToAsync(executive, 1, Subject));
            var attachment = Assert.Single(mail.Attachments.OfType<MimePart>());
            Assert.Equal(("application/pdf", "devrelhub-2026-Q3.pdf"), (attachment.ContentType.MimeType, attachment.FileName));
            using var content = new MemoryStream();
            await attachment.Content!.DecodeToAsync(content, Ct);
            using var pdf = PdfReader.Open(content.ToArray());
            Assert.Contains("Executive summary", string.Concat(pdf.GetPages().Select(page => page.Text)), StringComparison.Ordinal);
            Assert.Contains("Our work reached", mail.TextBody ?? "", StringComparison.Ordinal);
        }
        var reports = await first.SendAsync(new ListGeneratedReports());
        var sent = Assert.Single(reports);
        Assert.Equal(("2026-Q3", nameof(DeliveryReason.Scheduled), 3), (sent.Quarter, sent.Reason, sent.Recipients));
    }

    [Fact]
    public async Task An_admin_sends_a_quarter_now_and_everyone_who_reads_reports_downloads_what_was_sent()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = new DeliveringApp(NewDatabase(), smtp);
        Assert.SkipWhen(app.Database.SkipReason is not null, app.Database.SkipReason ?? "");
        await app.InitializeAsync();
        await CreateExecutivesAsync(app);
        var admin = await app.ClientAsAsync(Roles.Admin);
        var executive = await app.ClientAsAsync(Roles.Executive);

        var refused = await executive.PostAsync("/api/reports/quarterly/2026-Q3/send", null, Ct);
        var response = await admin.PostAsync("/api/reports/quarterly/2026-Q3/send", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = await response.Content.ReadFromJsonAsync<ReportDelivery>(Ct);
        Assert.Equal(3, delivery!.Recipients);
        await using (TurnClocks(ReportsApp.Start, app))
        {
            Assert.All(await Task.WhenAll(Executives.Select(address => smtp.MessagesToAsync(address, 1, Subject))), mails => Assert.Single(mails));
        }
        var listed = await executive.GetFromJsonAsync<List<GeneratedReport>>("/api/reports", Ct);
        var report = Assert.Single(listed!, report => report.Id == delivery.ReportId);
        Assert.Equal(nameof(DeliveryReason.SendNow), report.Reason);
        var pdf = await executive.GetByteArrayAsync($"/api/reports/{report.Id}.pdf", Ct);
        Assert.Equal(report.Size, pdf.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await executive.GetAsync($"/api/reports/{Guid.NewGuid()}.pdf", Ct)).StatusCode);
    }

    private static async Task CreateExecutivesAsync(DevRelHubApp app)
    {
        foreach (var executive in Executives)
        {
            await app.SendAsync(new CreateUser(executive, executive.Split('@')[0], Roles.Executive, "Test!pass2026"));
        }
    }

    /// <summary>Sets the hosts' clocks to <paramref name="from"/> and moves them on five seconds every 50 ms until disposed.</summary>
    private static IAsyncDisposable TurnClocks(DateTimeOffset from, params ReportsApp[] apps)
    {
        foreach (var app in apps)
        {
            app.Clock.SetUtcNow(from);
        }
        var stop = new CancellationTokenSource();
        var turning = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
                foreach (var app in apps)
                {
                    app.Clock.Advance(TimeSpan.FromSeconds(5));
                }
            }
        }, CancellationToken.None);
        return new Turning(stop, turning);
    }

    private sealed class Turning(CancellationTokenSource stop, Task turning) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await turning;
            stop.Dispose();
        }
    }

    /// <summary>A host that delivers: mail to the test's SMTP server, the report schedule checked every 30 s of its clock.</summary>
    private sealed class DeliveringApp(TestDatabase database, TestSmtpServer smtp) : ReportsApp(database, smtp)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Reports:Delivery:CheckInterval", "00:00:30");
            // The clocks run 100 times faster than real time here; a one-minute lease would lapse while a mail is being sent.
            builder.UseSetting("Workflows:Outbox:Lease", "01:00:00");
        }
    }
}

public sealed class DeliveryTestsOnSqlite : DeliveryTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class DeliveryTestsOnPostgres : DeliveryTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
