using DevRelHub.Workflows.Activities;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DevRelHub.Workflows.Outbox;

/// <summary>Hands a message to the world: an SMTP server, or a folder of .eml files.</summary>
internal interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

internal static class MailMessages
{
    public static MimeMessage Build(Guid id, string from, OutgoingEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = $"{id:N}@devrelhub" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(email.To));
        var body = new BodyBuilder { TextBody = email.Body };
        foreach (var attachment in email.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}

internal sealed class SmtpMailSender(string host, SmtpOptions smtp) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(host, smtp.Port, smtp.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>The embedded default: each mail becomes <c>{time}-{id}.eml</c>, which any mail program opens.</summary>
internal sealed class EmlFileMailSender(OutboxOptions options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Directory);
        var name = $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(options.Directory, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(options.Directory, name), overwrite: true);
    }
}
