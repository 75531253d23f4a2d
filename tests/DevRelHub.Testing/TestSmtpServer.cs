using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Xunit;

namespace DevRelHub.Testing;

/// <summary>A real SMTP server on a free local port; what it receives is parsed with MimeKit for the tests to read.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly Store store;

    /// <param name="port">The port to listen on; a free one when null.</param>
    /// <param name="delayEach">How long the server takes over each message before it answers (a slow relay).</param>
    public TestSmtpServer(int? port = null, TimeSpan? delayEach = null)
    {
        store = new Store(delayEach ?? TimeSpan.Zero);
        if (port is { } chosen)
        {
            Port = chosen;
        }
        else
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(store);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message received so far, in order, repeats included.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. store.Messages.Select(received => received.Message)];

    /// <summary>
    /// The messages received for <paramref name="recipient"/> (whose subject starts with <paramref name="subject"/>, when given),
    /// waiting up to 15 seconds until there are at least <paramref name="atLeast"/>.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string recipient, int atLeast = 1, string subject = "")
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var messages = store.Messages
                .Where(received => received.To.Contains(recipient, StringComparer.OrdinalIgnoreCase) && received.Subject.StartsWith(subject, StringComparison.Ordinal))
                .Select(received => received.Message)
                .ToList();
            if (messages.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return messages;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }

    /// <summary>
    /// A message with its recipients and subject read once, as it arrives: a MimeMessage is not safe to read from several
    /// threads at once (tests waiting for several recipients' mail together failed with "Collection was modified").
    /// </summary>
    private sealed record Receipt(MimeMessage Message, IReadOnlyList<string> To, string Subject);

    private sealed class Store(TimeSpan delayEach) : MessageStore
    {
        public ConcurrentQueue<Receipt> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await Task.Delay(delayEach, cancellationToken);
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Messages.Enqueue(new Receipt(message, [.. message.To.Mailboxes.Select(to => to.Address)], message.Subject ?? ""));
            return SmtpResponse.Ok;
        }
    }
}
