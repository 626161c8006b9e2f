namespace TicketMail.Quality;

/// <summary>One message to run through the product: a key the scorer finds it by, and its raw bytes.</summary>
public sealed record ProbeInput(string Key, byte[] Eml);
