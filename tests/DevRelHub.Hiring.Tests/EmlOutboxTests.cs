using System.Text;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DevRelHub.Hiring.Tests;

/// <summary>Without an SMTP server (the embedded default), queued mail becomes .eml files a mail program opens.</summary>
public sealed class EmlOutboxTests(EmlOutboxTests.App app) : IClassFixture<EmlOutboxTests.App>
{
    [Fact]
    public async Task Mail_queued_in_a_command_becomes_one_eml_file_with_its_attachment_once_the_command_commits()
    {
        await app.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            await session.InTransactionAsync(async token =>
            {
                await outbox.EnqueueAsync(new OutgoingEmail("ada@example.com", "Invitation: Panel", "See you there.",
                    [new EmailAttachment("invite.ics", "text/calendar; method=REQUEST", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))]), null, token);
                return true;
            }, TestContext.Current.CancellationToken);
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.InTransactionAsync<bool>(async token =>
            {
                await outbox.EnqueueAsync(new OutgoingEmail("lost@example.com", "Never sent", "Rolled back."), null, token);
                throw new InvalidOperationException("The command failed after queueing its mail.");
            }, TestContext.Current.CancellationToken));
        }

        var file = await app.WaitForFileAsync();
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(("ada@example.com", "Invitation: Panel"), (message.To.Mailboxes.Single().Address, message.Subject));
        Assert.Equal("See you there.", message.TextBody?.Trim());
        Assert.Equal("invite.ics", Assert.Single(message.Attachments).ContentDisposition?.FileName);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(Directory.GetFiles(app.Folder, "*.eml"));
    }

    public sealed class App() : DevRelHubApp(new SqliteTestDatabase())
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("devrelhub-outbox-").FullName;

        public async Task<string> WaitForFileAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Directory.GetFiles(Folder, "*.eml") is not [_] && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            return Assert.Single(Directory.GetFiles(Folder, "*.eml"));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Workflows:Outbox:Directory", Folder);
            builder.UseSetting("Workflows:Outbox:PollInterval", "00:00:00.100");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
            GC.SuppressFinalize(this);
        }
    }
}
