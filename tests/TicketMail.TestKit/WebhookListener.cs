using System.Collections.Concurrent;
using System.Net;

namespace TicketMail.TestKit;

/// <summary>
/// A local HTTP server on 127.0.0.1 that records every POST it gets (headers and body) and answers 200:
/// the web app's side of TicketMail's webhooks. <see cref="DeadUrl"/> names a port where nothing listens.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private WebhookListener(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/ticketmail";

    public ConcurrentQueue<ReceivedPost> Received { get; } = new();

    public static WebhookListener Start() => new(FakeSmtpServer.FreePort());

    /// <summary>A URL on a free port with no listener: connections are refused at once.</summary>
    public static string DeadUrl() => $"http://127.0.0.1:{FakeSmtpServer.FreePort()}/hooks/ticketmail";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Received.Enqueue(new ReceivedPost(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "", headers, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

public sealed record ReceivedPost(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
