using System.CommandLine;
using TicketMail.Cli.Configuration;
using TicketMail.Cli.Infrastructure;

namespace TicketMail.Cli.Commands;

/// <summary>What a command's action gets: the console seam, the parse result and the configuration.</summary>
public sealed class CommandContext(ParseResult parse, ConsoleIO io, AppConfig config)
{
    public ParseResult Parse { get; } = parse;
    public ConsoleIO IO { get; } = io;
    public AppConfig Config { get; } = config;
    public bool Verbose => Parse.GetValue(GlobalOptions.Verbose);
    public TimeProvider Clock { get; } = TimeProvider.System;
}
