using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Serilog;
using TicketMail.Data;
using TicketMail.Data.Outgoing;
using TicketMail.Data.Views;

namespace TicketMail.Cli.Webhooks;

/// <summary>
/// POSTs webhook rows of the outbox with HttpClient, signed with HMAC-SHA256 over the body. Never throws for a
/// failed delivery: the row stays pending with its error, and is not retried before a doubling wait (30 s,
/// 1 min, 2 min ... up to 6 h); after <see cref="MaxAttempts"/> attempts it is marked failed.
/// </summary>
public sealed class WebhookSender(WebhookSettings settings, TimeProvider clock, TimeSpan timeout)
{
    public const int MaxAttempts = 15;
    public const string SignatureHeader = "X-TicketMail-Signature";

    // One client for the process (connection reuse); each request gets its own deadline instead of HttpClient.Timeout.
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public WebhookSettings Settings { get; } = settings;

    /// <summary>The sender for the message path (short timeout), or null when webhooks are off.</summary>
    public static WebhookSender? For(Configuration.AppConfig config, TimeProvider clock, TimeSpan? timeout = null) =>
        WebhookSettings.From(config) is { } settings ? new WebhookSender(settings, clock, timeout ?? WebhookSettings.InlineTimeout) : null;

    public static string Signature(byte[] secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    /// <summary>Sends the rows just committed with a message; ids of other kinds or already sent are skipped.</summary>
    public async Task SendAsync(ITicketStore store, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            foreach (var row in await store.PendingOutboxAsync(id, cancellationToken))
            {
                await SendAsync(store, row, cancellationToken);
            }
        }
    }

    public async Task<bool> SendAsync(ITicketStore store, OutboxEntry row, CancellationToken cancellationToken)
    {
        var body = row.Mime!;
        string? error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, row.ToAddress) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(SignatureHeader, Signature(Settings.Secret, body));
            request.Headers.Add("X-TicketMail-Event", EventName(body));
            request.Headers.Add("X-TicketMail-Delivery", row.MessageId);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var response = await Http.SendAsync(request, deadline.Token);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = ex is TaskCanceledException
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0} s")
                : ex.Message;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (error is null)
        {
            await store.MarkOutboxAsync(row.Id, OutboxStatus.Sent, null, now, now, cancellationToken);
            Log.Information("Posted webhook {Delivery} for ticket {Ticket} to {Url}", row.MessageId, row.Ticket, row.ToAddress);
            return true;
        }

        var attempts = row.Attempts + 1;
        var status = attempts >= MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
        var wait = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), TimeSpan.FromHours(6).TotalSeconds));
        Log.Warning("Webhook {Delivery} to {Url} failed: {Error}; it stays {Status}", row.MessageId, row.ToAddress, error, status);
        await store.MarkOutboxAsync(row.Id, status, error, now, now + wait, CancellationToken.None);
        return false;
    }

    private static string EventName(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("event", out var name) ? name.GetString() ?? "" : "";
    }
}
