using TicketMail.Core.Mail;

namespace TicketMail.Data;

/// <summary>Stores a list of mailboxes as one per line ("Name &lt;address&gt;" or a bare address) and reads it back.</summary>
public static class AddressLines
{
    public static string Format(IEnumerable<EmailAddress> addresses) =>
        string.Join('\n', addresses.Select(a => a.ToString()));

    public static IEnumerable<EmailAddress> Parse(string? lines)
    {
        if (string.IsNullOrEmpty(lines))
        {
            yield break;
        }

        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = line.LastIndexOf('<');
            if (line.EndsWith('>') && open >= 0)
            {
                var name = line[..open].Trim();
                yield return new EmailAddress(line[(open + 1)..^1], name.Length == 0 ? null : name);
            }
            else
            {
                yield return new EmailAddress(line.Trim(), null);
            }
        }
    }
}
