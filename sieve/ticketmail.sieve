# TicketMail global Sieve script (Dovecot sieve_before).
#
# Runs for every message Dovecot LMTP delivers. Mail for the support mailbox
# (support@DOMAIN and support+<ticket-uuid>@DOMAIN) is piped to TicketMail;
# everything else falls through untouched to the personal script / INBOX.
#
# The test is on the ENVELOPE recipient, not on To/Cc: a reply that Bcc's
# support+<uuid>@ has that address in no header at all.
#
# Never use "pipe :try": with :try a failing program counts as success and
# the message is lost. Without it, a failure makes Dovecot log an error and
# keep the message in INBOX (implicit keep), so nothing is ever lost.
#
# install.sh replaces the @...@ placeholders; then it is compiled with sievec.

require ["envelope", "subaddress", "variables", "fileinto", "mailbox",
         "vnd.dovecot.pipe"];

# Folder that keeps an audit copy of every support message; "" turns it off.
set "audit_folder" "@AUDIT_FOLDER@";

# The envelope recipient without its +detail, as user@domain.
set "rcpt_user" "";
set "rcpt_domain" "";
if envelope :user :matches "to" "*" {
    set :lower "rcpt_user" "${1}";
}
if envelope :domain :matches "to" "*" {
    set :lower "rcpt_domain" "${1}";
}

# The support addresses (TICKETMAIL_SUPPORT_ADDRESS, one or several, in lower
# case as install.sh writes them; the recipient is lowered above).
if string :is "${rcpt_user}@${rcpt_domain}" [@SUPPORT_ADDRESS_LIST@]
{
    # The full envelope recipient, with its +<ticket-uuid> detail if any.
    set "recipient" "";
    if envelope :matches "to" "*" {
        set "recipient" "${1}";
    }

    if not string :is "${audit_folder}" "" {
        fileinto :create "${audit_folder}";
    }

    # Program name resolved in sieve_pipe_bin_dir (see 90-ticketmail.conf).
    pipe "ticketmail-pipe" ["${recipient}"];
    stop;
}
