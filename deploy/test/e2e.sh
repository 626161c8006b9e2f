#!/bin/bash
# End-to-end test of the real mail path, run as root on a Debian 12 machine
# without systemd (CI): swaks -> Postfix (SMTP on 127.0.0.1) -> Dovecot LMTP ->
# global Sieve script -> ticketmail-pipe -> ticketmail process -> PostgreSQL.
#
# Everything is installed by deploy/install.sh into a temporary folder (own
# Postfix config_directory, own Dovecot config), with throwaway PostgreSQL,
# Postfix and Dovecot daemons on loopback; all are stopped by pid on exit.
# Section R then installs into /etc, /opt and /var for real: run this only on a
# disposable machine (CI's is), or set E2E_SKIP_REAL=1.
#
# Environment:
#   TICKETMAIL_BIN  an already-published ticketmail (else: a JIT dotnet publish)
#   E2E_SKIP_REAL=1 skip the install into the real system paths (section R)
#   KEEP_TMP=1      keep the temporary folder
#   E2E_SKIP_APT=1  do not run apt-get (the packages must be there)
#
# Steps: install.sh --dry-run (as many changes as the run) and idempotence;
# preflight stops before publishing when mydestination holds the domain; a
# root-owned spool folder caught by doctor (as vmail) and repaired by a re-run;
# preflight names an LMTP socket held by another program and an existing file
# install.sh did not write; the cron line (spool retry; outbox flush) run as
# vmail with cron's PATH; the units; then 0 Postfix rejects unknown
# addresses; 1 new ticket; 2 reply to support+UUID@; 3 Bcc'd reply (envelope
# only); 4 auto-reply opens no ticket; 5 database down -> spooled (exit 75,
# kept in INBOX) -> "spool retry" -> one ticket; 6 the Postfix pipe(8)
# alternative; R the same install into the REAL system paths (SQLite, doctor as
# root and vmail, port 25, a 30 MB attachment, "nothing to change", --db-file
# merge, uninstall.sh restoring /etc/postfix and /etc/dovecot byte for byte);
# plus sieve-test.sh and lint.sh.
#
# Results are checked with "ticketmail tickets show/list --json", never with
# the SMTP status (Dovecot answers 250 even when the pipe failed).
# Last line: "e2e: N passed, M failed"; exit 1 when M > 0.
# Checks are written as: check DESCRIPTION eval '[[ ... ]]', expanded when run.
# shellcheck disable=SC2016
set -euo pipefail
umask 022

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
readonly support=support@example.com domain=example.com customer=alice@customer.test
readonly timeout_delivery=30
run_id="$(date +%s)-$$"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   - $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $*"; }
# check DESCRIPTION COMMAND...: one result line.
check() { local d="$1"; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
say() { echo "e2e: $*"; }
die() { echo "e2e: error: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root"

# ------------------------------------------------------------------ packages
export DEBIAN_FRONTEND=noninteractive
if [[ "${E2E_SKIP_APT:-}" != 1 ]]; then
    say "installing packages"
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq postfix dovecot-core dovecot-lmtpd dovecot-sieve swaks shellcheck cron logrotate systemd iproute2 >/dev/null   # systemd-analyze verify (not started), ss
fi
for tool in postconf postfix dovecot doveadm sievec sieve-test swaks shellcheck python3 systemd-analyze ss; do
    command -v "$tool" >/dev/null || die "$tool not found"
done
pg_bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n1)"
[[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || die "no PostgreSQL server under /usr/lib/postgresql/*/bin"

# ------------------------------------------------------------------ vmail
if ! getent group vmail >/dev/null; then
    if getent group 5000 >/dev/null; then groupadd --system vmail; else groupadd --gid 5000 vmail; fi
fi
if ! getent passwd vmail >/dev/null; then
    ids=(--gid vmail)
    getent passwd 5000 >/dev/null || ids+=(--uid 5000)
    useradd "${ids[@]}" --home-dir /nonexistent --shell /usr/sbin/nologin vmail
fi

# ------------------------------------------------------------------ temp folder, cleanup
tmp="$(mktemp -d /tmp/ticketmail-e2e.XXXXXX)"
chmod 0755 "$tmp"   # vmail, postfix and postgres must reach their parts
mkdir -p "$tmp/log"
queue="$tmp/postfix-queue"
dovecot_conf="$tmp/dovecot/dovecot.conf"
dovecot_run="$tmp/dovecot-run"
pg_data="$tmp/pg/data"

# stop_pid PIDFILE SIGNAL NAME: signal the daemon whose pid is in PIDFILE and
# wait (bounded) until it is gone.
stop_pid() {
    local file="$1" sig="$2" name="$3" pid i
    [[ -s "$file" ]] || return 0
    pid="$(head -n1 "$file" | tr -d ' ')"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    echo "e2e: $name (pid $pid) did not stop; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
    local status=$?
    set +e
    stop_pid "$dovecot_run/master.pid" TERM dovecot
    stop_pid "$queue/pid/master.pid" TERM postfix
    stop_pid "$pg_data/postmaster.pid" INT postgres
    [[ -n "${squatter:-}" ]] && kill "$squatter" 2>/dev/null
    stop_pid /run/dovecot/master.pid TERM "dovecot (real)"
    stop_pid /var/spool/postfix/pid/master.pid TERM "postfix (real)"
    if (( failed > 0 || status != 0 )); then
        for log in "$tmp/log/pipe.log" "$tmp/log/dovecot.log" "$tmp/log/postfix.log" "$tmp/pg/log" \
                /var/log/ticketmail/pipe.log /var/log/dovecot.log /var/log/postfix.log; do
            [[ -s "$log" ]] && { echo "----- tail $log"; tail -n 40 "$log"; }
        done
    fi
    if [[ "${KEEP_TMP:-}" == 1 ]]; then echo "e2e: kept $tmp"; else rm -rf "$tmp"; fi
    return "$status"
}
trap cleanup EXIT

# free_port [PREFERRED]: a TCP port nobody listens on at 127.0.0.1.
free_port() {
    python3 - "${1:-0}" <<'PY'
import socket, sys
want = int(sys.argv[1])
for port in ([want] if want else []) + [0]:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        print(s.getsockname()[1])
        break
    except OSError:
        pass
    finally:
        s.close()
PY
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll until COMMAND succeeds.
wait_for() {
    local seconds="$1" what="$2" deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@"; do
        (( SECONDS < deadline )) || { echo "e2e: timed out after ${seconds}s waiting for $what" >&2; return 1; }
        sleep 0.2
    done
}

# ------------------------------------------------------------------ the CLI
if [[ -n "${TICKETMAIL_BIN:-}" ]]; then
    [[ -x "$TICKETMAIL_BIN" ]] || die "TICKETMAIL_BIN=$TICKETMAIL_BIN is not executable"
    published="$TICKETMAIL_BIN"
else
    command -v dotnet >/dev/null || die "dotnet not found; set TICKETMAIL_BIN"
    # The JIT build: the same program as CI's Native AOT binary, without the minutes of native compilation.
    say "publishing the CLI (dotnet publish src/TicketMail.Cli -p:PublishAot=false)"
    dotnet publish "$repo/src/TicketMail.Cli" -c Release -p:PublishAot=false -o "$tmp/bin" --nologo >"$tmp/log/publish.log" 2>&1 ||
        { cat "$tmp/log/publish.log" >&2; die "dotnet publish failed"; }
    published="$tmp/bin/ticketmail"
fi

# ------------------------------------------------------------------ PostgreSQL
pg_port="$(free_port)"
install -d -o postgres -g postgres -m 0700 "$tmp/pg"
say "starting PostgreSQL on 127.0.0.1:$pg_port"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-sync >"$tmp/log/initdb.log" 2>&1 ||
    { cat "$tmp/log/initdb.log" >&2; die "initdb failed"; }
start_pg() {
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$tmp/pg/log" -w -t 30 \
        -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}
start_pg
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE ticketmail_e2e' >/dev/null
db="Host=127.0.0.1;Port=$pg_port;Database=ticketmail_e2e;Username=postgres;Timeout=3"

# ------------------------------------------------------------------ base configs (test only)
smtp_port="$(free_port 2525)"
postfix_dir="$tmp/postfix"
mkdir -p "$postfix_dir" "$tmp/dovecot"
cat >"$postfix_dir/main.cf" <<EOF
# e2e base configuration; deploy/install.sh adds the TicketMail settings.
compatibility_level = 3.6
queue_directory = $queue
data_directory = $tmp/postfix-data
myhostname = mail.$domain
mydomain = $domain
myorigin = \$myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
alias_maps =
alias_database =
smtputf8_enable = no
# No syslog here: postlogd writes this file.
maillog_file = $tmp/log/postfix.log
maillog_file_prefixes = $tmp
EOF
# Debian's master.cf, with every chroot turned off (the temp folder holds no
# chroot jail) and SMTP on a loopback test port instead of port 25.
awk '/^[a-z0-9]/ && NF >= 8 { $5 = "n" } { print }' /usr/share/postfix/master.cf.dist >"$postfix_dir/master.cf"
postconf -c "$postfix_dir" -MX smtp/inet
postconf -c "$postfix_dir" -Me "127.0.0.1:$smtp_port/inet = 127.0.0.1:$smtp_port inet n - n - - smtpd"

cat >"$dovecot_conf" <<EOF
# e2e base configuration; deploy/install.sh adds conf.d/*ticketmail*.conf.
instance_name = ticketmail-e2e
base_dir = $dovecot_run
state_dir = $tmp/dovecot-state
log_path = $tmp/log/dovecot.log
protocols = lmtp
listen = 127.0.0.1
hostname = mail.$domain
ssl = no
mail_location = maildir:~/Maildir
# The auth process will not start without a passdb, although LMTP only uses
# the userdb. No login service runs here (protocols = lmtp), so this one is
# never asked; on a real server Debian's PAM passdb is already there.
passdb {
  driver = static
  args = nopassword=no password=e2e-no-login-service
}
!include conf.d/*.conf
EOF
mkdir -p "$tmp/dovecot-state"

# ------------------------------------------------------------------ install.sh
install_args=(
    --support-address "$support" --db "$db" --binary "$published"
    --prefix "$tmp/opt" --config-dir "$tmp/etc" --postfix-dir "$postfix_dir"
    --dovecot-dir "$tmp/dovecot" --mail-home "$tmp/mail" --spool-dir "$tmp/spool"
    --log-dir "$tmp/log/ticketmail" --systemd-dir "$tmp/systemd"
    --logrotate-dir "$tmp/logrotate" --backup-dir "$tmp/backup" --cron-dir "$tmp/cron" --data-dir "$tmp/data"
)
cp -p "$postfix_dir/main.cf" "$tmp/main.cf.before"
# The admin's own logrotate file where install.sh puts its own: listed by the dry run and the run, backed up, replaced.
install -d "$tmp/logrotate"
echo "$tmp/log/other/*.log { weekly }" >"$tmp/logrotate/ticketmail"
cp -p "$tmp/logrotate/ticketmail" "$tmp/logrotate.before"
"$repo/deploy/install.sh" "${install_args[@]}" --dry-run >"$tmp/log/install-dry.log" 2>&1 || true
dry_run_clean() {
    grep -q '^install: would ' "$tmp/log/install-dry.log" && [[ ! -e "$tmp/opt" && ! -e "$tmp/etc" ]] &&
        cmp -s "$tmp/main.cf.before" "$postfix_dir/main.cf"
}
check "install.sh --dry-run prints its plan and changes nothing" dry_run_clean

if "$repo/deploy/install.sh" "${install_args[@]}" >"$tmp/log/install.log" 2>&1; then
    ok "install.sh installs (publish skipped, config, Postfix, Dovecot, sievec, db migrate)"
else
    not_ok "install.sh installs"; cat "$tmp/log/install.log"
    die "cannot go on without an installation"
fi
planned="$(sed -nE 's/^install: dry run: ([0-9]+) change\(s\) would be made$/\1/p' "$tmp/log/install-dry.log")"
made="$(sed -nE 's/^install: ([0-9]+) change\(s\) made$/\1/p' "$tmp/log/install.log")"
check "install.sh --dry-run plans as many changes as the run makes (binary files, config, postmap, sievec, ...): ${planned:-?} = ${made:-?}" \
    eval '[[ -n "$planned" && "$planned" == "$made" ]]'
foreign_note="note: $tmp/logrotate/ticketmail exists and was not written by install.sh: it is replaced, the original backed up under $tmp/backup/"
foreign_listed() {
    grep -qF "$foreign_note" "$tmp/log/install-dry.log" && grep -qF "$foreign_note" "$tmp/log/install.log" &&
        grep -q "^install: back up $tmp/logrotate/ticketmail to $tmp/backup/" "$tmp/log/install.log" &&
        cmp -s "$tmp/logrotate.before" "$(sed -nE "s|^install: back up $tmp/logrotate/ticketmail to (.*)$|\1|p" "$tmp/log/install.log")" &&
        head -n1 "$tmp/logrotate/ticketmail" | grep -q '^# TicketMail'
}
check "preflight lists an existing file install.sh did not write (dry run and run); the run backs it up, then replaces it" foreign_listed
foreign_listed || grep -n 'note\|logrotate' "$tmp/log/install-dry.log" "$tmp/log/install.log"
bin="$tmp/opt/ticketmail"
config="$tmp/etc/ticketmail.json"
pipe_log="$tmp/log/ticketmail/pipe.log"

modes_right() {
    [[ "$(stat -c '%a %U %G' "$config")" == "640 root vmail" &&
        "$(stat -c '%a %U %G' "$tmp/spool")" == "700 vmail vmail" &&
        "$(stat -c '%a %U' "$tmp/log/ticketmail")" == "750 vmail" &&
        -x "$tmp/opt/sieve-pipe/ticketmail-pipe" && -s "$tmp/dovecot/sieve/ticketmail.svbin" ]]
}
check "installed modes: config 0640 root:vmail, spool 0700 vmail, wrapper, compiled Sieve" modes_right
postfix_settings() {
    [[ "$(postconf -c "$postfix_dir" -h recipient_delimiter)" == + &&
        "$(postconf -c "$postfix_dir" -h virtual_transport)" == lmtp:unix:private/dovecot-lmtp &&
        "$(postconf -c "$postfix_dir" -h virtual_mailbox_maps)" == "hash:$postfix_dir/ticketmail-mailboxes" ]] &&
        postconf -c "$postfix_dir" -M ticketmail/unix | grep -q 'flags=Rq user=vmail' &&
        [[ "$(postmap -c "$postfix_dir" -q "$support" "hash:$postfix_dir/ticketmail-mailboxes")" == ticketmail ]]
}
check "Postfix: recipient_delimiter, virtual map, LMTP transport, ticketmail pipe service" postfix_settings
"$repo/deploy/install.sh" "${install_args[@]}" >"$tmp/log/install-again.log" 2>&1 || true
idempotent() { grep -q '^install: nothing to change$' "$tmp/log/install-again.log"; }
check "install.sh run again: nothing to change" idempotent
if ! idempotent; then cat "$tmp/log/install-again.log"; fi

# ------------------------------------------------------------------ install.sh scenarios (temp folder)
# Preflight: with the support domain in mydestination (what Debian's "System
# mail name" prompt does when answered example.com) install.sh stops before it
# publishes or writes anything, with one line naming the problem and its fix.
cp -a "$postfix_dir" "$tmp/postfix-local"
rm -f "$tmp/postfix-local"/ticketmail-mailboxes*   # as before a first install
postconf -c "$tmp/postfix-local" -e "mydestination = \$myhostname, $domain, localhost"
# And its LMTP socket (the one endpoint install.sh sets up) held by another program than Dovecot.
install -d "$tmp/pf-queue/private"
postconf -c "$tmp/postfix-local" -e "queue_directory = $tmp/pf-queue"
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); time.sleep(600)' "$tmp/pf-queue/private/dovecot-lmtp" &
squatter=$!   # stopped below, or by cleanup
wait_for 10 "the squatter's socket" test -S "$tmp/pf-queue/private/dovecot-lmtp"
cp -p "$tmp/postfix-local/main.cf" "$tmp/main.cf.local"
preflight_status=0
"$repo/deploy/install.sh" --support-address "$support" --postfix-dir "$tmp/postfix-local" \
    --prefix "$tmp/pf-opt" --config-dir "$tmp/pf-etc" --dovecot-dir "$tmp/dovecot" --spool-dir "$tmp/pf-spool" \
    --log-dir "$tmp/pf-log" --data-dir "$tmp/pf-data" --mail-home "$tmp/pf-mail" --systemd-dir "$tmp/pf-systemd" \
    --cron-dir "$tmp/pf-cron" --logrotate-dir "$tmp/pf-logrotate" --backup-dir "$tmp/pf-backup" \
    >"$tmp/log/install-preflight.log" 2>&1 || preflight_status=$?
preflight_stopped() {
    (( preflight_status != 0 )) && grep -q "$domain is in mydestination.*; fix: remove $domain from mydestination" "$tmp/log/install-preflight.log" &&
        grep -q 'nothing was changed' "$tmp/log/install-preflight.log" && ! grep -qi 'publish ' "$tmp/log/install-preflight.log" &&
        [[ ! -e "$tmp/pf-opt" && ! -e "$tmp/pf-etc" && ! -e "$tmp/pf-spool" && ! -e "$tmp/postfix-local/ticketmail-mailboxes" ]] &&
        cmp -s "$tmp/main.cf.local" "$tmp/postfix-local/main.cf"
}
check "preflight: domain in mydestination stops install.sh before publishing or writing anything" preflight_stopped
check "preflight: the LMTP socket held by another program (python3) is one more line with its fix" \
    grep -q "^install: $tmp/pf-queue/private/dovecot-lmtp, where Postfix hands mail to Dovecot's LMTP, is held by python3 (not Dovecot); fix: " \
    "$tmp/log/install-preflight.log"
preflight_stopped || cat "$tmp/log/install-preflight.log"
kill "$squatter" 2>/dev/null || true

# A spool subfolder left root-owned by an earlier run as root: doctor (as
# vmail) names it and the fix; a re-run of install.sh repairs the whole tree.
install -d -o root -g root -m 0700 "$tmp/spool/incoming"
doctor_as_vmail() { runuser -u vmail -- "$tmp/opt/ticketmail" --config "$tmp/etc/ticketmail.json" doctor >"$tmp/log/doctor-$1.log" 2>&1; }
doctor_status=0; doctor_as_vmail leftover || doctor_status=$?
check "doctor as vmail: root-owned spool/incoming fails (78) with its path and the chown fix" \
    eval '(( doctor_status == 78 )) && grep -q "FAIL spool: $tmp/spool/incoming is not writable by vmail" "$tmp/log/doctor-leftover.log" &&
        grep -q "fix: chown -R vmail: $tmp/spool" "$tmp/log/doctor-leftover.log"'
"$repo/deploy/install.sh" "${install_args[@]}" >"$tmp/log/install-repair.log" 2>&1 || true
doctor_status=0; doctor_as_vmail repaired || doctor_status=$?
check "install.sh re-run owns the spool tree again (chown -R); doctor as vmail exits 0" \
    eval 'grep -q "own everything in $tmp/spool" "$tmp/log/install-repair.log" && (( doctor_status == 0 )) &&
        [[ "$(stat -c "%a %U" "$tmp/spool/incoming")" == "700 vmail" ]]'
(( doctor_status == 0 )) || cat "$tmp/log/doctor-repaired.log"

# Without systemd: /etc/cron.d/ticketmail (here the temp cron dir) runs spool
# retry as vmail; its command line must work with cron's PATH and environment.
cron_file="$tmp/cron/ticketmail"
cron_line="$(grep -E '^[*0-9]' "$cron_file" 2>/dev/null | head -n1)"
cron_user="$(awk '{ print $6 }' <<<"$cron_line")"
cron_command="$(cut -d' ' -f7- <<<"$cron_line")"
cron_status=1
if [[ "$cron_user" == vmail && "$cron_command" == /* ]]; then
    cron_status=0
    /usr/sbin/runuser -u vmail -- /usr/bin/env -i SHELL=/bin/sh PATH=/usr/bin:/bin HOME=/nonexistent LOGNAME=vmail \
        /bin/sh -c "$cron_command" || cron_status=$?
fi
check "cron file installed (no systemd): user vmail, MAILTO, absolute paths; spool retry then outbox flush run with cron's PATH (exit 0, appending to the log folder)" \
    eval '(( cron_status == 0 )) && grep -q "^MAILTO=" "$cron_file" && grep -q "^PATH=/usr/bin:/bin$" "$cron_file" &&
        [[ "$cron_command" == "$bin --config $config spool retry >>$tmp/log/ticketmail/spool-retry.log 2>&1; $bin --config $config outbox flush --if-configured >>$tmp/log/ticketmail/outbox-flush.log 2>&1" &&
           "$(stat -c "%U %a" "$tmp/log/ticketmail/spool-retry.log" "$tmp/log/ticketmail/outbox-flush.log" | sort -u)" == "vmail 600" ]] &&
        grep -q "^nothing to send with" "$tmp/log/ticketmail/outbox-flush.log"'
[[ "$cron_status" == 0 ]] || { echo "cron line: $cron_line"; cat "$cron_file"; }
# A 75 from spool retry (the database down) must not stop the outbox flush: the same line with spool retry failing.
rm -f "$tmp/log/ticketmail/outbox-flush.log.e2e"
/usr/sbin/runuser -u vmail -- /usr/bin/env -i SHELL=/bin/sh PATH=/usr/bin:/bin HOME=/nonexistent LOGNAME=vmail \
    /bin/sh -c "${cron_command/spool retry/spool retry --no-such-option}" || true
check "cron line: a failing spool retry does not stop the outbox flush after it (';', not '&&')" \
    eval '[[ "$(grep -c "^nothing to send with" "$tmp/log/ticketmail/outbox-flush.log")" == 2 ]]'
units_right() {
    local retry="$tmp/systemd/ticketmail-spool-retry.service" flush="$tmp/systemd/ticketmail-outbox-flush.service"
    grep -q "^ExecStart=$bin --config $config spool retry$" "$retry" &&
        grep -q "^Wants=.*ticketmail-outbox-flush.service" "$retry" &&
        grep -q "^ExecStart=$bin --config $config outbox flush --if-configured$" "$flush" &&
        grep -q "^After=.*ticketmail-spool-retry.service" "$flush" && grep -q "^User=vmail$" "$flush" &&
        ! grep -q "^Requires=" "$flush" && [[ "$(grep -c '^ExecStart=' "$retry" "$flush" | cut -d: -f2 | sort -u)" == 1 ]] &&
        systemd-analyze verify --man=no "$retry" "$flush" "$tmp/systemd/ticketmail-spool-retry.timer"   # works without systemd as PID 1
}
check "systemd: the timer's spool-retry unit pulls in ticketmail-outbox-flush.service (Wants=, ordered after it, one ExecStart each: a 75 cannot skip the flush); systemd-analyze verify passes" units_right

# ------------------------------------------------------------------ start Postfix, then Dovecot
say "starting Postfix (SMTP 127.0.0.1:$smtp_port) and Dovecot"
install -d -m 0755 "$queue"   # Postfix creates what is inside
install -d -m 0700 -o postfix -g postfix "$tmp/postfix-data"
postfix -c "$postfix_dir" check
postfix -c "$postfix_dir" start >/dev/null 2>&1 || die "postfix start failed: $(tail -n 20 "$tmp/log/postfix.log" 2>/dev/null)"
wait_for 20 "Postfix's private socket folder" test -d "$queue/private"
dovecot -c "$dovecot_conf" || die "dovecot failed: $(tail -n 20 "$tmp/log/dovecot.log" 2>/dev/null)"
wait_for 20 "the Dovecot LMTP socket" test -S "$queue/private/dovecot-lmtp"
smtp_up() { (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; }
wait_for 20 "SMTP on port $smtp_port" smtp_up

# ------------------------------------------------------------------ helpers
# send TO SUBJECT [swaks options...]: one message from $customer.
send() {
    local to="$1" subject="$2"
    shift 2
    swaks --silent 2 --server 127.0.0.1 --port "$smtp_port" --helo client.customer.test \
        --from "$customer" --to "$to" --header "Subject: $subject" "$@" >>"$tmp/log/swaks.log" 2>&1
}
log_lines() { if [[ -f "$pipe_log" ]]; then wc -l <"$pipe_log"; else echo 0; fi; }
# delivered N: the pipe log has more than N lines, i.e. ticketmail-pipe ran.
delivered() { (( $(log_lines) > $1 )); }
# send_and_wait TO SUBJECT [swaks options...]: send, wait for ticketmail-pipe,
# and leave its log line in $line.
line=""
send_and_wait() {
    local before
    before="$(log_lines)"
    line=""
    send "$@" || { echo "e2e: swaks failed for '$2'" >&2; return 1; }
    wait_for "$timeout_delivery" "delivery of '$2'" delivered "$before" || return 1
    line="$(sed -n "$((before + 1))p" "$pipe_log")"
    echo "     pipe.log: $line"
}
tm() { "$bin" --config "$config" "$@"; }
# ticket_json UUID: the ticket as JSON; messages_of UUID: number of messages.
messages_of() {
    tm tickets show "$1" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["messages"]))' 2>/dev/null
}
subject_of() {
    tm tickets show "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["subject"])' 2>/dev/null
}
# tickets_with_subject SUBJECT: how many tickets "tickets list --json" shows with it.
tickets_with_subject() {
    tm tickets list --json | python3 -c '
import json, sys
print(sum(1 for t in json.load(sys.stdin) if t.get("subject") == sys.argv[1]))' "$1" 2>/dev/null
}
in_maildir() {  # in_maildir FOLDER SUBJECT
    grep -qsF "Subject: $2" "$tmp/mail/Maildir/$1"/new/* "$tmp/mail/Maildir/$1"/cur/*
}
equals() { [[ "$1" == "$2" ]]; }

# ------------------------------------------------------------------ 0: routing by Postfix
rejected=0
send "nobody@$domain" "to nobody $run_id" || rejected=1
check "Postfix rejects other addresses of the support domain (map has only $support)" equals "$rejected" 1

# ------------------------------------------------------------------ 1: new ticket
subject1="Printer on fire $run_id"
uuid=""
if send_and_wait "$support" "$subject1" --header "Message-Id: <new-$run_id@customer.test>" \
        --body "The printer on the third floor is on fire."; then
    uuid="$(grep -oE 'created ticket [0-9a-f-]{36}' <<<"$line" | head -n1 | awk '{print $3}')" || true
fi
check "1 new ticket: ticketmail-pipe logged 'created ticket <uuid>' with status=0" \
    eval '[[ -n "$uuid" && "$line" == *"status=0"* && "$line" == *"recipient=$support"* ]]'
[[ -n "$uuid" ]] || uuid=00000000-0000-0000-0000-000000000000
check "1 new ticket: tickets show --json has the subject and 1 message" \
    eval '[[ "$(subject_of "$uuid")" == "$subject1" && "$(messages_of "$uuid")" == 1 ]]'
check "1 new ticket: audit copy in the TicketMail folder, nothing in INBOX" \
    eval 'in_maildir .TicketMail "$subject1" && ! in_maildir . "$subject1"'

# ------------------------------------------------------------------ 2: reply to support+UUID@
tagged="support+$uuid@$domain"
send_and_wait "$tagged" "Re: $subject1" --header "Message-Id: <reply-$run_id@customer.test>" \
    --header "In-Reply-To: <new-$run_id@customer.test>" --body "It is still burning." || true
check "2 reply to $tagged: pipe got the full recipient, ticket has 2 messages" \
    eval '[[ "$line" == *"recipient=$tagged status=0"* && "$(messages_of "$uuid")" == 2 ]]'

# ------------------------------------------------------------------ 3: Bcc (envelope only)
send_and_wait "$tagged" "Status update $run_id" --header "To: someone-else@customer.test" \
    --header "Message-Id: <bcc-$run_id@customer.test>" --body "Support was Bcc'd." || true
check "3 Bcc'd reply (tagged address only in the envelope): ticket has 3 messages" \
    eval '[[ "$line" == *"recipient=$tagged status=0"* && "$(messages_of "$uuid")" == 3 ]]'

# ------------------------------------------------------------------ 4: auto-reply
subject4="Out of office $run_id"
send_and_wait "$support" "$subject4" --header "Auto-Submitted: auto-replied" \
    --header "Message-Id: <ooo-$run_id@customer.test>" --body "I am away until Monday." || true
check "4 auto-reply: processed (status=0) but no ticket created" \
    eval '[[ "$line" == *"status=0"* && "$line" != *"created ticket"* ]]'
check "4 auto-reply: tickets list --json has no ticket for it" \
    eval '[[ "$(tickets_with_subject "$subject4")" == 0 ]]'

# ------------------------------------------------------------------ 5: database down, spool, retry
subject5="Database down $run_id"
say "stopping PostgreSQL"
stop_pid "$pg_data/postmaster.pid" INT postgres
send_and_wait "$support" "$subject5" --header "Message-Id: <dbdown-$run_id@customer.test>" \
    --body "Sent while the database is down." || true
check "5 database down: ticketmail-pipe exits 75 (temporary failure)" eval '[[ "$line" == *"status=75"* ]]'
spooled() { compgen -G "$tmp/spool/deferred/*" >/dev/null; }
check "5 database down: message spooled in $tmp/spool/deferred" spooled
check "5 database down: Dovecot kept the message in INBOX (implicit keep)" in_maildir . "$subject5"
say "starting PostgreSQL again"
start_pg
retry_ok=0
runuser -u vmail -- "$bin" --config "$config" spool retry >"$tmp/log/retry.log" 2>&1 && retry_ok=1
check "5 spool retry (as vmail) exits 0 once the database is back" equals "$retry_ok" 1
runuser -u vmail -- "$bin" --config "$config" spool retry >>"$tmp/log/retry.log" 2>&1 || true
check "5 after spool retry (twice): nothing left in spool/deferred" eval '! spooled'
check "5 after spool retry (twice): tickets list --json has exactly one ticket for it" \
    eval '[[ "$(tickets_with_subject "$subject5")" == 1 ]]'

# ------------------------------------------------------------------ 6: Postfix pipe(8) alternative
# install.sh --transport pipe switches virtual_transport to the "ticketmail"
# master.cf service (flags=Rq user=vmail) and reloads the running Postfix.
if "$repo/deploy/install.sh" "${install_args[@]}" --transport pipe --no-migrate >"$tmp/log/install-pipe.log" 2>&1 &&
        [[ "$(postconf -c "$postfix_dir" -h virtual_transport)" == ticketmail ]]; then
    ok "6 install.sh --transport pipe: virtual_transport = ticketmail, Postfix reloaded"
else
    not_ok "6 install.sh --transport pipe"; cat "$tmp/log/install-pipe.log"
fi
pipe_config_right() {
    grep -q '"TICKETMAIL_TRANSPORT": "pipe"' "$config" && ! grep -q TICKETMAIL_SIEVE_SCRIPT "$config" &&
        grep -q "\"TICKETMAIL_WRAPPER\": \"$tmp/opt/sieve-pipe/ticketmail-pipe\"" "$config" &&
        grep -q "TICKETMAIL_TRANSPORT changed, TICKETMAIL_SIEVE_SCRIPT removed" "$tmp/log/install-pipe.log"
}
check "6 --transport pipe records its paths in ticketmail.json (TICKETMAIL_TRANSPORT pipe, wrapper; the Sieve key dropped)" pipe_config_right
pipe_config_right || cat "$config"
doctor_status=0; doctor_as_vmail pipe || doctor_status=$?
check "6 doctor as vmail with the pipe transport: exit 0, Sieve not used" \
    eval '(( doctor_status == 0 )) && grep -q "sieve: not used: TICKETMAIL_TRANSPORT is pipe" "$tmp/log/doctor-pipe.log"'
(( doctor_status == 0 )) || cat "$tmp/log/doctor-pipe.log"
sleep 2   # let the reloaded daemons pick up the new transport
send_and_wait "$tagged" "Re: $subject1 (via pipe)" --header "Message-Id: <pipe-$run_id@customer.test>" \
    --header "In-Reply-To: <new-$run_id@customer.test>" --body "Delivered by Postfix pipe(8)." || true
check "6 pipe(8) transport: reply to $tagged reaches the ticket (4 messages)" \
    eval '[[ "$line" == *"recipient=$tagged status=0"* && "$(messages_of "$uuid")" == 4 ]]'

# ------------------------------------------------------------------ R: the real system paths
# What an admin does on Debian 12, as root: Postfix configured by debconf
# ("Internet Site", mail name mail.example.com), install.sh into /etc/postfix,
# /etc/dovecot, /opt/ticketmail, /etc/ticketmail, /var/spool/ticketmail, with
# SQLite (no --db), Postfix and Dovecot started directly (no systemd), mail on
# 127.0.0.1:25; then uninstall.sh must leave /etc/postfix and /etc/dovecot
# byte for byte as they were. CI's machine is disposable; so is this one.
real_section() {
    say "R: configuring Debian's Postfix (Internet Site, mail.$domain) and logs without syslog"
    echo "postfix postfix/main_mailer_type select Internet Site" | debconf-set-selections
    echo "postfix postfix/mailname string mail.$domain" | debconf-set-selections
    dpkg-reconfigure -f noninteractive postfix >"$tmp/log/dpkg-reconfigure.log" 2>&1 ||
        { not_ok "R dpkg-reconfigure postfix"; cat "$tmp/log/dpkg-reconfigure.log"; return; }
    # No rsyslog here: Postfix logs through postlogd, Dovecot to its own file (README, Logs).
    postconf -e maillog_file=/var/log/postfix.log inet_interfaces=loopback-only inet_protocols=ipv4
    echo "log_path = /var/log/dovecot.log" >/etc/dovecot/conf.d/99-e2e-log.conf
    # The admin's own file where install.sh puts one: replaced after a note, put back by uninstall.sh.
    echo "# the admin's notes, no settings" >/etc/dovecot/conf.d/90-ticketmail.conf
    rm -rf "$tmp/etc-before"; mkdir -p "$tmp/etc-before"
    cp -a /etc/postfix /etc/dovecot "$tmp/etc-before/"
    # Leftovers of an earlier run as root.
    rm -rf /var/spool/ticketmail
    install -d -m 0700 /var/spool/ticketmail/tmp /var/spool/ticketmail/incoming

    local rbin=/opt/ticketmail/ticketmail rconf=/etc/ticketmail/ticketmail.json rlog=/var/log/ticketmail/pipe.log
    if "$repo/deploy/install.sh" --support-address "$support" --binary "$published" >"$tmp/log/real-install.log" 2>&1; then
        ok "R install.sh into the real paths, no --db (SQLite)"
    else
        not_ok "R install.sh into the real paths"; cat "$tmp/log/real-install.log"; return
    fi
    check "R SQLite by default: /var/lib/ticketmail/tickets.db owned by vmail, migrated; leftover spool folders repaired" \
        eval '[[ "$(stat -c "%U %a" /var/lib/ticketmail/tickets.db)" == "vmail 600" && "$(stat -c "%U %a" /var/lib/ticketmail)" == "vmail 700" &&
            "$(stat -c "%U" /var/spool/ticketmail/incoming /var/spool/ticketmail/tmp | sort -u)" == vmail ]] &&
            grep -q "\"TICKETMAIL_DB\": \"/var/lib/ticketmail/tickets.db\"" "$rconf" &&
            grep -q "\"TICKETMAIL_WRAPPER\": \"/opt/ticketmail/sieve-pipe/ticketmail-pipe\"" "$rconf"'
    check "R preflight names /etc/dovecot/conf.d/90-ticketmail.conf (not written by install.sh) and the run backs it up" \
        eval 'grep -q "^install: note: /etc/dovecot/conf.d/90-ticketmail.conf exists and was not written by install.sh: it is replaced" "$tmp/log/real-install.log" &&
            grep -q "^install: back up /etc/dovecot/conf.d/90-ticketmail.conf to /var/backups/ticketmail/" "$tmp/log/real-install.log"'
    check "R limits: Postfix message_size_limit raised from Debian's 10240000 to 72876032; cron file /etc/cron.d/ticketmail" \
        eval '[[ "$(postconf -h message_size_limit)" == 72876032 && -f /etc/cron.d/ticketmail ]]'

    say "R: starting Postfix and Dovecot directly"
    postfix start >/dev/null 2>&1 || { not_ok "R postfix start: $(tail -n 5 /var/log/postfix.log 2>/dev/null)"; return; }
    dovecot || { not_ok "R dovecot: $(tail -n 5 /var/log/dovecot.log 2>/dev/null)"; return; }
    wait_for 20 "the Dovecot LMTP socket" test -S /var/spool/postfix/private/dovecot-lmtp || true
    smtp25() { (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null; }
    wait_for 20 "SMTP on port 25" smtp25 || { not_ok "R SMTP on 127.0.0.1:25"; return; }

    local root_status=0 vmail_status=0
    "$rbin" doctor >"$tmp/log/real-doctor-root.log" 2>&1 || root_status=$?
    runuser -u vmail -- "$rbin" doctor >"$tmp/log/real-doctor-vmail.log" 2>&1 || vmail_status=$?
    check "R ticketmail doctor as root and as vmail: exit 0 (wrapper, Sieve, SQLite, spool, size limit)" \
        eval '(( root_status == 0 && vmail_status == 0 )) && grep -q "^ok   size limit" "$tmp/log/real-doctor-vmail.log"'
    (( root_status == 0 && vmail_status == 0 )) || cat "$tmp/log/real-doctor-root.log" "$tmp/log/real-doctor-vmail.log"

    # real_send_and_wait SUBJECT [swaks options...]: to support@ on port 25; the pipe.log line in $line.
    real_send_and_wait() {
        local subject="$1" before=0
        shift
        [[ -f "$rlog" ]] && before="$(wc -l <"$rlog")"
        line=""
        swaks --silent 2 --server 127.0.0.1 --port 25 --helo client.customer.test --from "$customer" --to "$support" \
            --header "Subject: $subject" "$@" >>"$tmp/log/swaks.log" 2>&1 || { echo "e2e: swaks failed for '$subject'" >&2; return 1; }
        real_delivered() { [[ -f "$rlog" ]] && (( $(wc -l <"$rlog") > before )); }
        wait_for 90 "delivery of '$subject'" real_delivered || return 1
        line="$(sed -n "$((before + 1))p" "$rlog")"
        echo "     pipe.log: ${line:0:200}"
    }
    real_tickets() { "$rbin" tickets list --json | python3 -c '
import json, sys
print(sum(1 for t in json.load(sys.stdin) if t.get("subject") == sys.argv[1]))' "$1" 2>/dev/null; }

    local subject="Real host $run_id"
    real_send_and_wait "$subject" --body "Delivered through the real /etc/postfix and /etc/dovecot." || true
    check "R mail on 127.0.0.1:25 -> Postfix -> Dovecot -> Sieve -> ticketmail as vmail -> SQLite: one ticket" \
        eval '[[ "$line" == *"status=0"* && "$(real_tickets "$subject")" == 1 ]]'

    head -c 30000000 /dev/urandom >"$tmp/big.bin"
    local big="Thirty megabytes $run_id"
    real_send_and_wait "$big" --attach @"$tmp/big.bin" --body "A 30 MB attachment (about 41 MB encoded)." || true
    check "R a 30 MB attachment (41 MB encoded) passes Postfix and lands in a ticket" \
        eval '[[ "$line" == *"status=0"* && "$(real_tickets "$big")" == 1 ]]'
    rm -f "$tmp/big.bin"

    "$repo/deploy/install.sh" --support-address "$support" --binary "$published" >"$tmp/log/real-again.log" 2>&1 || true
    check "R second run on Debian (setgid /var/mail): nothing to change" grep -q '^install: nothing to change$' "$tmp/log/real-again.log"
    grep -q '^install: nothing to change$' "$tmp/log/real-again.log" || cat "$tmp/log/real-again.log"

    # An admin's own key, then --db from a file (no password on the command line): only TICKETMAIL_DB changes.
    python3 - "$rconf" <<'PY'
import json, sys
path = sys.argv[1]
settings = json.load(open(path))
settings["TICKETMAIL_ACK_DAILY_LIMIT"] = "7"
json.dump(settings, open(path, "w"), indent=2)
PY
    echo /var/lib/ticketmail-e2e/tickets.db >"$tmp/db-setting"
    "$repo/deploy/install.sh" --support-address "$support" --binary "$published" --db-file "$tmp/db-setting" \
        >"$tmp/log/real-db.log" 2>&1 || true
    local other="Second database $run_id"
    real_send_and_wait "$other" --body "Into the database named by --db-file." || true
    vmail_status=0
    runuser -u vmail -- "$rbin" doctor >"$tmp/log/real-doctor-db.log" 2>&1 || vmail_status=$?
    check "R --db-file re-run: says TICKETMAIL_DB changed, keeps the hand-added key; new SQLite file owned by vmail gets the mail; doctor green" \
        eval 'grep -q "TICKETMAIL_DB changed" "$tmp/log/real-db.log" && grep -q "\"TICKETMAIL_ACK_DAILY_LIMIT\": \"7\"" "$rconf" &&
            [[ "$(stat -c %U /var/lib/ticketmail-e2e/tickets.db)" == vmail && "$(real_tickets "$other")" == 1 ]] && (( vmail_status == 0 ))'

    "$repo/deploy/uninstall.sh" --dry-run >"$tmp/log/real-uninstall-dry.log" 2>&1 || true
    if "$repo/deploy/uninstall.sh" --purge-data >"$tmp/log/real-uninstall.log" 2>&1; then
        ok "R uninstall.sh --purge-data"
    else
        not_ok "R uninstall.sh"; cat "$tmp/log/real-uninstall.log"
    fi
    # The spool existed before (the leftovers above), so uninstall keeps it; the SQLite folders it created are purged.
    check "R uninstall.sh: /etc/postfix and /etc/dovecot byte for byte as before the install; /opt, /etc/ticketmail, cron file, databases gone" \
        eval 'diff -r "$tmp/etc-before/postfix" /etc/postfix && diff -r "$tmp/etc-before/dovecot" /etc/dovecot &&
            [[ ! -e /opt/ticketmail && ! -e /etc/ticketmail && ! -e /etc/cron.d/ticketmail && ! -e /var/lib/ticketmail && ! -e /var/lib/ticketmail-e2e ]] &&
            [[ ! -e /etc/systemd/system/ticketmail-spool-retry.service && ! -e /etc/systemd/system/ticketmail-outbox-flush.service ]] &&
            grep -q "would restore /etc/postfix/main.cf" "$tmp/log/real-uninstall-dry.log"'
    rm -rf /var/spool/ticketmail /etc/dovecot/conf.d/99-e2e-log.conf /etc/dovecot/conf.d/90-ticketmail.conf
}
if [[ "${E2E_SKIP_REAL:-}" == 1 ]]; then
    say "R: skipped (E2E_SKIP_REAL=1)"
else
    real_section
fi

# ------------------------------------------------------------------ static checks
if "$here/sieve-test.sh" >"$tmp/log/sieve-test.log" 2>&1; then
    ok "sieve-test.sh: $(tail -n1 "$tmp/log/sieve-test.log")"
else
    not_ok "sieve-test.sh"; cat "$tmp/log/sieve-test.log"
fi
if "$here/lint.sh" >"$tmp/log/lint.log" 2>&1; then
    ok "lint.sh: $(tail -n1 "$tmp/log/lint.log")"
else
    not_ok "lint.sh"; cat "$tmp/log/lint.log"
fi

echo "e2e: $passed passed, $failed failed"
(( failed == 0 ))
