namespace TicketMail.Core.Routing;

/// <summary>A VERP recipient (support+b-&lt;token&gt;@domain) and the Message-ID of ours that it stands for.</summary>
public sealed record VerpCandidate(string Address, string MessageId);
