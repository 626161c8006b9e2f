using TicketMail.Core.Classification;
using TicketMail.Core.Mail;
using TicketMail.TestKit;

namespace TicketMail.Core.Tests.Classification;

/// <summary>
/// The failed recipients of plain-text bounces, one fixture per MTA format (tests/fixtures/bounces, written for
/// these rules): which addresses, in which order, with which status and failure. "address status failure"
/// per recipient, '-' for no status.
/// </summary>
public sealed class BounceRecipientsTests
{
    private static string[] Read(string fixture) =>
        [.. BounceText.Analyse(File.ReadAllText(RepoPaths.Fixture("bounces/" + fixture))).Recipients.Select(Describe)];

    private static string Describe(BouncedRecipient r) =>
        $"{r.Address} {r.Status ?? "-"} {(r.Permanent ? "permanent" : r.Temporary ? "temporary" : "unknown")}";

    [Theory]
    // qmail: "<addr>:" then the remote's answer; "I've given up" makes even a 4.4.1 answer final.
    [InlineData("qmail.txt", "nora@gone.example 4.4.1 permanent", "omar@gone.example 5.1.1 permanent")]
    // Postfix: "<addr>: host ... said: 550 5.1.1"; "<addr> (expanded from <x>): ..." names the address it tried.
    [InlineData("postfix.txt", "petra@customer.example 5.1.1 permanent", "team@customer.example 5.2.2 permanent")]
    // Sendmail: the "permanent fatal errors" list, "(reason: ...)", and "(expanded from: x)" under an entry.
    [InlineData("sendmail.txt", "rosa@customer.example 5.1.1 permanent", "sam.alias@mx.customer.example - permanent", "sam@customer.example - permanent")]
    // Exim: "The following address(es) failed:", the SMTP error under each, "retry timeout exceeded".
    [InlineData("exim.txt", "tara@customer.example 5.1.1 permanent", "uwe@slow.example - permanent")]
    [InlineData("exim-delay.txt", "vera@slow.example - temporary")]
    // Exchange: "did not reach the following recipient(s):" and "addr on <date>".
    [InlineData("exchange.txt", "will@customer.example - permanent")]
    // Lotus Notes: "was not delivered to:" and "not listed in Domino Directory".
    [InlineData("notes.txt", "xena@customer.example - permanent")]
    // SMTP32: "Unknown user: addr"; "Delivery failed 20 attempts: addr" states no cause.
    [InlineData("smtp32.txt", "yann@customer.example 5.3.0 permanent", "zoe@slow.example - unknown")]
    // Yahoo: "Unable to deliver message to the following address(es)." and "<addr>:" entries.
    [InlineData("yahoo.txt", "abel@customer.example - permanent", "bea@customer.example - permanent")]
    // Gmail: "Your message wasn't delivered to addr".
    [InlineData("gmail.txt", "carl@customer.example 5.1.1 permanent")]
    // A "* addr" list under "failed permanently".
    [InlineData("hotmail-list.txt", "emil@customer.example - permanent", "fred@customer.example - permanent")]
    // A delay notice: the recipient is named, but only as delayed.
    [InlineData("delayed.txt", "dina@slow.example 4.4.2 temporary")]
    public void Each_format_names_its_failed_recipients(string fixture, params string[] expected)
    {
        Assert.Equal(expected, Read(fixture));
    }

    [Fact]
    public void The_greeted_sender_the_mail_from_address_a_contact_address_and_quoted_lines_are_no_recipients()
    {
        Assert.Empty(Read("not-recipients.txt"));
    }

    [Fact]
    public void The_returned_message_below_the_marker_gives_no_recipient()
    {
        // qmail's and Sendmail's copies of the message carry To: lines with the same addresses and more: never read.
        Assert.DoesNotContain(Read("sendmail.txt"), r => r.Contains("support@example.com", StringComparison.Ordinal));
        Assert.Equal(2, Read("qmail.txt").Length);
    }

    [Theory]
    [InlineData("----- The following addresses had permanent fatal errors -----", "Heading")]
    [InlineData("Delivery to the following recipient has been delayed:", "Heading")]
    [InlineData("Your message to ann@customer.example couldn't be delivered.", "Statement")]
    [InlineData("<ann@customer.example>: host mx said: 550 5.1.1 User unknown", "Statement")]
    [InlineData("   * ann@customer.example", "Item")]
    [InlineData("    (expanded from: ann@customer.example)", "Origin")]
    [InlineData("<<< 250 <support@example.com>... Sender ok", "Other")]
    [InlineData("For further assistance, please contact <postmaster@relay.example>", "Other")]
    public void Each_line_is_labelled_on_its_own(string line, string kind)
    {
        Assert.Equal(kind, BounceLines.Classify(line).Kind.ToString());
    }

    [Theory]
    [InlineData("550 5.1.1 User unknown", "Permanent")]
    [InlineData("    no such user here", "Permanent")]
    [InlineData("421 4.4.2 Connection timed out", "Delayed")]
    [InlineData("Message will be retried for 2 more day(s)", "Delayed")]
    [InlineData("Host or domain name not found", "None")]
    public void A_line_states_a_failure_for_good_only_with_a_5xx_code_or_such_wording(string line, string failure)
    {
        Assert.Equal(failure, BounceLines.Classify(line).Failure.ToString());
    }
}
