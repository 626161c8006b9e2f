#!/bin/bash
# Checks sieve/ticketmail.sieve with Pigeonhole's sievec and sieve-test against
# the fixtures in deploy/test/fixtures: support mail (also a Bcc'd
# support+<uuid>@ that is only in the envelope) is piped to ticketmail-pipe
# with the full envelope recipient as argument, other mail is kept as usual,
# and a failing program leaves the message in INBOX.
#
# Needs dovecot-sieve (sievec, sieve-test). Run as root or any user.
# Prints "sieve-test: N passed, M failed"; exits 1 on any failure.
set -euo pipefail
umask 022

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
fixtures="$here/fixtures"
# shellcheck source=deploy/lib/render.sh
. "$repo/deploy/lib/render.sh"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   - sieve: $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - sieve: $*"; }

for tool in sievec sieve-test; do
    command -v "$tool" >/dev/null || { echo "sieve-test: $tool not found (apt-get install dovecot-sieve)" >&2; exit 1; }
done

tmp="$(mktemp -d /tmp/ticketmail-sieve.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"

# Render the script and the real Dovecot fragment for two support addresses
# (install.sh --support-address support@example.com --support-address help@other.test).
export TM_SUPPORT_ADDRESS_LIST='"support@example.com", "help@other.test"' TM_AUDIT_FOLDER=TicketMail
export TM_POSTFIX_QUEUE_DIR="$tmp/queue" TM_SIEVE_DIR="$tmp" TM_PIPE_BIN_DIR="$tmp/bin"
render "$repo/sieve/ticketmail.sieve" "$tmp/ticketmail.sieve"
render "$repo/deploy/dovecot/conf.d/90-ticketmail.conf" "$tmp/90-ticketmail.conf"

# sieve-test drops privileges to mail_uid; use an unprivileged user.
if getent passwd vmail >/dev/null; then run_as=vmail; else run_as=nobody; fi
cat >"$tmp/dovecot.conf" <<EOF
base_dir = $tmp/run
mail_uid = $run_as
mail_gid = $(id -gn "$run_as")
mail_home = $tmp/home
mail_location = maildir:$tmp/home/Maildir
!include $tmp/90-ticketmail.conf
EOF
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/out"
chown "$run_as" "$tmp/home" "$tmp/out"

# A stand-in for ticketmail-pipe: records its arguments, exits with $tmp/exit.
echo 0 >"$tmp/exit"
cat >"$tmp/bin/ticketmail-pipe" <<EOF
#!/bin/bash
printf '%s\n' "\$@" >"$tmp/out/args"
/bin/cat >"$tmp/out/message"
exit "\$(<"$tmp/exit")"
EOF
chmod 0755 "$tmp/bin/ticketmail-pipe"

script="$tmp/ticketmail.sieve"
if sievec -c "$tmp/dovecot.conf" "$script" >"$tmp/sievec.log" 2>&1 && [[ -s "$tmp/ticketmail.svbin" ]]; then
    ok "sievec compiles the script"
else
    not_ok "sievec compiles the script: $(cat "$tmp/sievec.log")"
fi

if grep -v '^[[:space:]]*#' "$repo/sieve/ticketmail.sieve" | grep -q ':try'; then
    not_ok "the script never uses 'pipe :try'"
else
    ok "the script never uses 'pipe :try'"
fi

# evaluate FIXTURE RECIPIENT: print sieve-test's list of actions (no execution).
evaluate() {
    sieve-test -c "$tmp/dovecot.conf" -r "$2" "$script" "$fixtures/$1" 2>&1
}
pipes() { grep -q "pipe message to external program 'ticketmail-pipe'" <<<"$1"; }
audits() { grep -q "store message in folder: TicketMail" <<<"$1"; }
inbox_only() {
    ! pipes "$1" && grep -A3 '^Implicit keep:' <<<"$1" | grep -q 'store message in folder: INBOX'
}

uuid=0b6c5a4e-7a52-4d6e-9a55-3d5b1f7c2a10
declare -A expect=(
    ["new-ticket.eml support@example.com"]=pipe
    ["new-ticket.eml Support@EXAMPLE.com"]=pipe
    ["bcc-reply.eml support+$uuid@example.com"]=pipe
    ["other-mail.eml bob@example.com"]=keep
    ["new-ticket.eml supporter@example.com"]=keep
    ["new-ticket.eml support@other.test"]=keep
    ["new-ticket.eml help@other.test"]=pipe
    ["new-ticket.eml help+$uuid@Other.Test"]=pipe
    ["new-ticket.eml help@example.com"]=keep
    ["new-ticket.eml bob+support@example.com"]=keep
)
for key in "${!expect[@]}"; do
    read -r fixture rcpt <<<"$key"
    out="$(evaluate "$fixture" "$rcpt")" || true
    if [[ "${expect[$key]}" == pipe ]]; then
        if pipes "$out" && audits "$out"; then
            ok "$fixture to <$rcpt>: piped, audit copy in TicketMail"
        else
            not_ok "$fixture to <$rcpt>: expected pipe + audit copy, got: $out"
        fi
    else
        if inbox_only "$out"; then
            ok "$fixture to <$rcpt>: not piped, kept in INBOX"
        else
            not_ok "$fixture to <$rcpt>: expected plain keep, got: $out"
        fi
    fi
done

# Execute the actions (-e): the Bcc'd reply must reach the program with the
# full envelope recipient as its only argument, and the message on stdin.
run() {
    rm -f "$tmp/out/args" "$tmp/out/message"
    sieve-test -e -c "$tmp/dovecot.conf" -r "$2" "$script" "$fixtures/$1" >"$tmp/run.log" 2>&1
}
if run bcc-reply.eml "support+$uuid@example.com" &&
        [[ "$(cat "$tmp/out/args" 2>/dev/null)" == "support+$uuid@example.com" ]] &&
        grep -q "^Message-ID: <fixture-bcc-reply@customer.test>" "$tmp/out/message"; then
    ok "Bcc'd reply: ticketmail-pipe got argv [support+$uuid@example.com] and the message"
else
    not_ok "Bcc'd reply: ticketmail-pipe argv was [$(cat "$tmp/out/args" 2>/dev/null)]; $(cat "$tmp/run.log")"
fi

# A failing program (75, database down) must not lose the message: Dovecot
# falls back to the implicit keep, i.e. INBOX.
echo 75 >"$tmp/exit"
rm -rf "$tmp/home/Maildir"
run new-ticket.eml support@example.com || true
if grep -qs 'Subject: Printer on fire' "$tmp"/home/Maildir/new/* "$tmp"/home/Maildir/cur/*; then
    ok "ticketmail-pipe exits 75: message kept in INBOX"
else
    not_ok "ticketmail-pipe exits 75: message not found in INBOX; $(cat "$tmp/run.log")"
fi

echo "sieve-test: $passed passed, $failed failed"
(( failed == 0 ))
