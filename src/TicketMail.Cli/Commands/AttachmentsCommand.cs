using System.CommandLine;
using System.Globalization;
using TicketMail.Cli.Infrastructure;
using TicketMail.Cli.Processing;

namespace TicketMail.Cli.Commands;

/// <summary>ticketmail attachments save ID -o PATH: writes a stored attachment out, never outside PATH, never over a file without --force.</summary>
public static class AttachmentsCommand
{
    private static readonly Argument<long> Id = new("id") { Description = "The attachment's id, as 'tickets show' prints it ([attachment ID])." };

    private static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "A folder (the file keeps its stored name, made safe) or a file path.",
        Required = true,
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Overwrite an existing file." };

    public static Command Create()
    {
        var save = new Command("save", """
            Write an attachment's content to a file.

            Examples:
              ticketmail attachments save 42 -o ~/Downloads/
              ticketmail attachments save 42 -o /tmp/invoice.pdf --force
            """)
        { Id, Output, Force };
        CommandRunner.SetAction(save, SaveAsync);
        return new Command("attachments", "Work with stored attachments.") { save };
    }

    private static async Task<int> SaveAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Parse.GetValue(Id);
        var output = context.Parse.GetValue(Output)!;
        var force = context.Parse.GetValue(Force);

        await using var session = new StoreSession(context.Config);
        var store = await session.GetAsync(cancellationToken);
        var attachment = await store.GetAttachmentAsync(id, cancellationToken)
            ?? throw new CliException(ExitCodes.DataError, $"no attachment {id}; 'ticketmail tickets show UUID' lists a ticket's attachments");
        if (attachment.Content is null)
        {
            throw new CliException(ExitCodes.DataError, $"attachment {id} ({attachment.FileName}) was left out when stored (over the size limit); only the original mail's sender has it");
        }

        var target = TargetPath(output, attachment.FileName, id);
        try
        {
            await using var file = new FileStream(target, force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await file.WriteAsync(attachment.Content, cancellationToken);
        }
        catch (IOException) when (!force && File.Exists(target))
        {
            throw new CliException(ExitCodes.CantCreate, $"{target} exists; choose another path or add --force to overwrite it");
        }

        context.IO.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved attachment {id} ({attachment.ContentType}, {attachment.Content.LongLength} bytes) to {target}"));
        return 0;
    }

    /// <summary>
    /// PATH is a folder (existing, or written with a trailing slash): the stored name goes in it, made safe
    /// again here because it came from the sender. Otherwise PATH is the file itself.
    /// </summary>
    private static string TargetPath(string output, string storedName, long id)
    {
        var isFolder = Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar);
        if (!isFolder)
        {
            return Path.GetFullPath(output);
        }

        var folder = Path.GetFullPath(output);
        Directory.CreateDirectory(folder);
        var target = Path.GetFullPath(Path.Combine(folder, SafeName(storedName, id)));
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.CantCreate, $"attachment {id}'s name would leave {folder}; give a file path with -o");
        }

        return target;
    }

    /// <summary>Only the last path segment, no control characters, no "." or ".." and nothing hidden; a fallback name otherwise.</summary>
    public static string SafeName(string storedName, long id)
    {
        var name = Path.GetFileName(storedName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c != '/' && c != '\\').ToArray()).Trim().TrimStart('.');
        return name.Length == 0 || name == ".." ? string.Create(CultureInfo.InvariantCulture, $"attachment-{id}") : name;
    }
}
