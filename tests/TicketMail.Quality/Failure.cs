namespace TicketMail.Quality;

/// <summary>A record that did not pass, for --details.</summary>
public sealed record Failure(Expectation Expectation, string? Actual);
