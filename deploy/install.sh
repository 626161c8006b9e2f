#!/bin/bash
# Installs TicketMail behind Postfix + Dovecot (Debian 12: Postfix 3.7,
# Dovecot 2.3, Pigeonhole 0.5). Run as root from a checkout of the repository.
#
#   deploy/install.sh --support-address support@example.com            # SQLite
#   deploy/install.sh --support-address support@example.com --db-file /root/tm-db
#
# Checks everything first and changes nothing when a check fails. Idempotent:
# a second run with the same options prints "nothing to change". Every file it
# replaces or edits is first copied under --backup-dir, and what it added is
# recorded there for deploy/uninstall.sh. --dry-run prints every change and
# makes none. See the README, "Deploying with Postfix and Dovecot".
set -euo pipefail
umask 022

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=deploy/lib/render.sh
. "$here/lib/render.sh"
# shellcheck source=deploy/lib/json.sh
. "$here/lib/json.sh"
# shellcheck source=deploy/lib/track.sh
. "$here/lib/track.sh"

usage() {
    cat <<'USAGE'
Usage: deploy/install.sh --support-address ADDR [--support-address ADDR2 ...] [options]

  --support-address ADDR  a support address, e.g. support@example.com (required;
                          repeat it, or give a comma list, for several)
  --db CONN               the database: "sqlite" (DATA_DIR/tickets.db), a SQLite
                          path, or PostgreSQL as Host=...;Database=...;Username=...
                          or postgres://...; "-" reads it from stdin. Without --db
                          a first install uses SQLite and a re-run keeps the
                          configured database
  --db-file FILE          read the database setting from the first line of FILE
                          (keeps the password out of shell history and ps)
  --prefix DIR            where the CLI goes (default /opt/ticketmail)
  --binary PATH           use this already-published ticketmail (its whole folder
                          is copied) instead of running "dotnet publish"
  --transport lmtp|pipe   lmtp: Postfix -> Dovecot LMTP -> Sieve -> ticketmail-pipe
                          (default); pipe: Postfix pipe(8) -> ticketmail-pipe,
                          Postfix retries on exit 75
  --audit-folder NAME     folder that keeps a copy of each support message
                          (default TicketMail; "" for none)
  --vmail-user NAME       user that runs ticketmail-pipe (default vmail; created
                          when missing)
  --config-dir DIR        default /etc/ticketmail
  --postfix-dir DIR       default /etc/postfix
  --dovecot-dir DIR       default /etc/dovecot
  --dovecot-conf FILE     default DOVECOT_DIR/dovecot.conf (used by sievec)
  --mail-home DIR         home of the support mailbox (default /var/mail/ticketmail)
  --spool-dir DIR         default /var/spool/ticketmail
  --log-dir DIR           default /var/log/ticketmail
  --data-dir DIR          the SQLite database's folder (default /var/lib/ticketmail)
  --systemd-dir DIR       default /etc/systemd/system
  --cron-dir DIR          default /etc/cron.d (used when systemd is not running)
  --logrotate-dir DIR     default /etc/logrotate.d
  --backup-dir DIR        default /var/backups/ticketmail
  --no-migrate            do not run "ticketmail db migrate"
  --no-reload             do not reload Postfix, Dovecot or systemd
  --dry-run               print every change, make none
  -h, --help
USAGE
}

die() { echo "install: error: $*" >&2; exit 1; }

addresses=() db="" db_given=0 db_file="" prefix=/opt/ticketmail binary="" transport=lmtp
audit_folder=TicketMail vmail_user=vmail config_dir=/etc/ticketmail
postfix_dir=/etc/postfix dovecot_dir=/etc/dovecot dovecot_conf=""
mail_home=/var/mail/ticketmail spool_dir=/var/spool/ticketmail
log_dir=/var/log/ticketmail data_dir=/var/lib/ticketmail systemd_dir=/etc/systemd/system
cron_dir=/etc/cron.d logrotate_dir=/etc/logrotate.d backup_dir=/var/backups/ticketmail
migrate=1 reload=1 dry_run=0

while (( $# > 0 )); do
    opt="$1"
    case "$opt" in
        -h|--help) usage; exit 0 ;;
        --no-migrate) migrate=0; shift; continue ;;
        --no-reload) reload=0; shift; continue ;;
        --dry-run) dry_run=1; shift; continue ;;
    esac
    (( $# >= 2 )) || die "$opt needs a value (see --help)"
    val="$2"
    case "$opt" in
        --support-address) IFS=', ' read -r -a more <<<"$val"; addresses+=("${more[@]}") ;;
        --db) db="$val"; db_given=1 ;;
        --db-file) db_file="$val" ;;
        --prefix) prefix="$val" ;;
        --binary) binary="$val" ;;
        --transport) transport="$val" ;;
        --audit-folder) audit_folder="$val" ;;
        --vmail-user) vmail_user="$val" ;;
        --config-dir) config_dir="$val" ;;
        --postfix-dir) postfix_dir="$val" ;;
        --dovecot-dir) dovecot_dir="$val" ;;
        --dovecot-conf) dovecot_conf="$val" ;;
        --mail-home) mail_home="$val" ;;
        --spool-dir) spool_dir="$val" ;;
        --log-dir) log_dir="$val" ;;
        --data-dir) data_dir="$val" ;;
        --systemd-dir) systemd_dir="$val" ;;
        --cron-dir) cron_dir="$val" ;;
        --logrotate-dir) logrotate_dir="$val" ;;
        --backup-dir) backup_dir="$val" ;;
        *) die "unknown option $opt (see --help)" ;;
    esac
    shift 2
done

[[ -z "$dovecot_conf" ]] && dovecot_conf="$dovecot_dir/dovecot.conf"
config_file="$config_dir/ticketmail.json"
sieve_dir="$dovecot_dir/sieve"
pipe_bin_dir="$prefix/sieve-pipe"
wrapper="$pipe_bin_dir/ticketmail-pipe"
stamp="$(date +%Y%m%dT%H%M%S)"
work="$(mktemp -d)"
# Also when a step fails half-way: uninstall.sh then knows how every touched file was left.
trap 'track_seal; rm -rf "$work"' EXIT
systemd_running=0
[[ -d /run/systemd/system ]] && systemd_running=1

# ================================================================ preflight
# Everything that can be checked is checked before anything is published or
# written: one line per problem, with its fix; then stop, having changed nothing.
problems=()
problem() { problems+=("$1; fix: $2"); }
note() { echo "install: note: $*" >&2; }

(( dry_run )) || [[ $EUID -eq 0 ]] || problem "install.sh must run as root" "sudo deploy/install.sh ... (or add --dry-run)"

# Support addresses: lower case, no +detail, no duplicates.
support_list=() domains=()
for address in "${addresses[@]}"; do
    [[ -n "$address" ]] || continue
    address="${address,,}"
    if [[ ! "$address" =~ ^[a-z0-9._-]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$ ]]; then
        problem "--support-address '$address' is not an address like support@example.com (no +detail)" "pass the bare address"
        continue
    fi
    [[ " ${support_list[*]} " == *" $address "* ]] || support_list+=("$address")
    [[ " ${domains[*]} " == *" ${BASH_REMATCH[1]} "* ]] || domains+=("${BASH_REMATCH[1]}")
done
(( ${#addresses[@]} )) || problem "no --support-address given" "pass --support-address support@your.domain"

[[ "$transport" == lmtp || "$transport" == pipe ]] || problem "--transport is '$transport'" "use --transport lmtp or --transport pipe"
[[ "$audit_folder" != *[\"\\]* ]] || problem "--audit-folder contains quotes or backslashes" "choose a plain folder name"
if [[ -n "$binary" ]]; then
    [[ -x "$binary" && "$(basename "$binary")" == ticketmail ]] ||
        problem "--binary $binary is not an executable file named ticketmail" "point it at the ticketmail that 'dotnet publish' produced"
elif ! command -v dotnet >/dev/null; then
    problem "dotnet not found, and no --binary" "install the .NET 10 SDK, or pass --binary /path/to/published/ticketmail"
fi
for dir in "$prefix" "$config_dir" "$postfix_dir" "$dovecot_dir" "$mail_home" "$spool_dir" "$log_dir" "$data_dir" "$backup_dir"; do
    [[ "$dir" == /* ]] || problem "path '$dir' is not absolute" "give every folder as an absolute path"
done

# Postfix: installed, configured, and no support domain in mydestination.
queue_dir=""
if ! command -v postconf >/dev/null; then
    problem "Postfix is not installed (no postconf)" "apt-get install postfix (choose 'Internet Site')"
elif [[ ! -f "$postfix_dir/main.cf" ]]; then
    problem "$postfix_dir/main.cf does not exist: Postfix is installed but not configured (debconf 'No configuration')" \
        "dpkg-reconfigure postfix: choose 'Internet Site' and answer the mail name with this host's name (e.g. mail.example.com), not the support domain"
else
    queue_dir="$(postconf -c "$postfix_dir" -h queue_directory)"
    mydestination=" $(postconf -c "$postfix_dir" -hx mydestination | tr ',' ' ' | tr -s ' ') "
    for domain in "${domains[@]}"; do
        [[ "${mydestination,,}" == *" $domain "* ]] &&
            problem "$domain is in mydestination (Postfix delivers it to local users); a domain cannot be local and virtual at once" \
                "remove $domain from mydestination in $postfix_dir/main.cf (Debian puts the 'System mail name' there), or use a subdomain such as support@help.$domain"
    done
    current_transport="$(postconf -c "$postfix_dir" -nh virtual_transport 2>/dev/null || true)"
    if [[ "$transport" == lmtp && -n "$current_transport" && "$current_transport" != lmtp:unix:private/dovecot-lmtp ]]; then
        note "virtual_transport is '$current_transport'; other virtual mailboxes will go to Dovecot LMTP too"
    fi
fi
if [[ "$transport" == lmtp ]]; then
    if ! command -v sievec >/dev/null || ! command -v doveconf >/dev/null; then
        problem "Dovecot with LMTP and Sieve is not installed" "apt-get install dovecot-core dovecot-lmtpd dovecot-sieve (or use --transport pipe)"
    elif [[ ! -f "$dovecot_conf" ]]; then
        problem "$dovecot_conf does not exist" "reinstall dovecot-core, or pass --dovecot-dir / --dovecot-conf"
    elif ! doveconf -c "$dovecot_conf" -n >/dev/null 2>"$work/doveconf.err" &&
            ! grep -q ': No matches$' "$work/doveconf.err"; then   # "!include conf.d/*.conf" before our files are there
        problem "Dovecot's configuration does not load: $(head -n1 "$work/doveconf.err")" "fix $dovecot_conf first (doveconf -n shows the error)"
    fi
fi

# The delivery user: Dovecot refuses uids below first_valid_uid.
if getent passwd "$vmail_user" >/dev/null; then
    vmail_uid="$(id -u "$vmail_user")"
    first_uid=500
    [[ "$transport" == lmtp && -f "$dovecot_conf" ]] && command -v doveconf >/dev/null &&
        first_uid="$(doveconf -c "$dovecot_conf" -h first_valid_uid 2>/dev/null || echo 500)"
    (( vmail_uid >= first_uid )) ||
        problem "user $vmail_user has uid $vmail_uid, below Dovecot's first_valid_uid $first_uid" "use another --vmail-user, or lower first_valid_uid"
    (( vmail_uid != 0 )) || problem "--vmail-user is root" "deliver as an unprivileged user such as vmail"
fi

# The database setting: --db, --db-file FILE, or "-" (stdin).
if [[ -n "$db_file" ]]; then
    if (( db_given )); then
        problem "both --db and --db-file given" "pass one of them"
    elif [[ ! -r "$db_file" ]]; then
        problem "--db-file $db_file is not readable" "check the path (it holds one line: the connection string)"
    else
        IFS= read -r db <"$db_file" || true
        db_given=1
    fi
elif (( db_given )) && [[ "$db" == - ]]; then
    IFS= read -r db || true
fi
db="${db%$'\r'}"
(( db_given )) && [[ -z "$db" ]] && problem "the database setting is empty" "pass --db sqlite, a SQLite path or Host=...;Database=..."

# The existing configuration is merged, never replaced: it must be readable.
json_keys=(); json_raw=()
if [[ -f "$config_file" ]] && ! json_read "$config_file"; then
    problem "$config_file is not a flat JSON object of settings" "fix it by hand (or move it away); install.sh keeps every key it does not manage"
fi
if (( ! db_given )); then
    db="$(json_get TICKETMAIL_DB)"
    [[ -n "$db" ]] || db=sqlite
fi
[[ "$db" == sqlite ]] && db="$data_dir/tickets.db"
# SQLite is a path (or Data Source=path); PostgreSQL is Host=/Server= or a URL.
sqlite_file=""
shopt -s nocasematch
if [[ ! "$db" =~ (^|;)[[:space:]]*(host|server)[[:space:]]*= && ! "$db" =~ ^postgres(ql)?:// ]]; then
    sqlite_file="$db"
    [[ "$db" =~ (^|;)[[:space:]]*(data[[:space:]]?source|filename)[[:space:]]*=[[:space:]]*([^;]*) ]] && sqlite_file="${BASH_REMATCH[3]}"
fi
shopt -u nocasematch
if [[ -n "$sqlite_file" ]]; then
    [[ "$sqlite_file" == /* ]] || problem "the SQLite database '$sqlite_file' is not an absolute path" "pass --db sqlite or --db /var/lib/ticketmail/tickets.db"
    db_dir="$(dirname "$sqlite_file")"
else
    db_dir="$data_dir"
fi

# The message size limit the mail server must let through: ours plus the
# transfer encoding (base64: 4/3, plus CRLF every 76 characters: x1.37) and
# 1 MiB for the header. Doctor checks the same figure.
max_bytes="$(json_get TICKETMAIL_MAX_MESSAGE_BYTES)"
[[ -n "$max_bytes" ]] || max_bytes=52428800
if [[ ! "$max_bytes" =~ ^[0-9]+$ ]]; then
    problem "TICKETMAIL_MAX_MESSAGE_BYTES in $config_file is '$max_bytes'" "make it a whole number of bytes"
    max_bytes=52428800
fi
mta_limit=$((max_bytes + max_bytes * 37 / 100 + 1048576))

# The one endpoint install.sh sets up: Dovecot's LMTP socket in Postfix's queue directory
# (virtual_transport = lmtp:unix:private/dovecot-lmtp). No TCP port: SMTP stays as the site has it,
# and the pipe transport listens on nothing.
if [[ "$transport" == lmtp && -n "$queue_dir" ]]; then
    lmtp_socket="$queue_dir/private/dovecot-lmtp"
    if [[ -e "$lmtp_socket" && ! -S "$lmtp_socket" ]]; then
        problem "$lmtp_socket exists but is not a socket, so Dovecot's LMTP cannot listen there" \
            "move it away (mv $lmtp_socket /root/), then run install.sh again"
    elif [[ -S "$lmtp_socket" ]] && ! command -v ss >/dev/null; then
        note "cannot tell which program holds $lmtp_socket (no ss): apt-get install iproute2, then run install.sh again to check"
    elif [[ -S "$lmtp_socket" ]]; then
        # Held by Dovecot (its master and lmtp processes): fine, a re-run or an LMTP already set up.
        holders="$(ss -xlpnH src "$lmtp_socket" | grep -o '(("[^"]*"\|,("[^"]*"' | tr -d '(,"' | sort -u | tr '\n' ' ')"
        others="$(tr ' ' '\n' <<<"$holders" | grep -vxE 'dovecot|lmtp|' | tr '\n' ' ' || true)"
        [[ -z "$others" ]] ||
            problem "$lmtp_socket, where Postfix hands mail to Dovecot's LMTP, is held by ${others% } (not Dovecot)" \
                "stop that service or move its listener elsewhere, then run install.sh again (or use --transport pipe)"
    fi
fi

# Existing files install.sh would replace although it did not write them (no "# TicketMail" header,
# not in its record) or that were edited by hand since: listed here; the run backs each one up to
# BACKUP_DIR/<time>/PATH before replacing it, as it does for main.cf and master.cf, and uninstall.sh
# puts the original back.
track_load "$backup_dir/installed"
declare -A installed_sum=()
if [[ -f "$backup_dir/installed/installed.sha256" ]]; then
    while read -r sum path; do installed_sum[$path]="$sum"; done <"$backup_dir/installed/installed.sha256"
fi
replaced=("$wrapper" "$postfix_dir/ticketmail-mailboxes" "$logrotate_dir/ticketmail")
for unit in "$here"/systemd/*; do replaced+=("$systemd_dir/$(basename "$unit")"); done
(( systemd_running )) || replaced+=("$cron_dir/ticketmail")
if [[ "$transport" == lmtp ]]; then
    for conf in "$here"/dovecot/conf.d/*.conf; do replaced+=("$dovecot_dir/conf.d/$(basename "$conf")"); done
    replaced+=("$dovecot_dir/ticketmail-users" "$sieve_dir/ticketmail.sieve")
fi
for file in "${replaced[@]}"; do
    [[ -f "$file" ]] || continue
    if [[ -n "${tracked[$file]:-}" ]]; then
        sum="${installed_sum[$file]:-}"
        [[ -z "$sum" || "$(sha256sum -- "$file" | cut -d' ' -f1)" == "$sum" ]] && continue
        note "$file was edited by hand since install.sh wrote it: it is replaced, the edited file backed up under $backup_dir/$stamp"
    elif ! head -n 3 "$file" | grep -qE '^# (TicketMail|ticketmail-pipe)\b'; then
        note "$file exists and was not written by install.sh: it is replaced, the original backed up under $backup_dir/$stamp (uninstall.sh restores it)"
    fi
done

command -v logrotate >/dev/null || [[ -x /usr/sbin/logrotate ]] ||
    note "logrotate is not installed, so $log_dir is never rotated: apt-get install logrotate"
if (( ! systemd_running )) && ! command -v cron >/dev/null && [[ ! -x /usr/sbin/cron ]]; then
    note "systemd is not running and cron is not installed, so nothing runs 'spool retry': apt-get install cron"
fi

if (( ${#problems[@]} > 0 )); then
    for line in "${problems[@]}"; do echo "install: $line" >&2; done
    echo "install: ${#problems[@]} problem(s) found before changing anything; nothing was changed" >&2
    exit 1
fi

# ================================================================ helpers
changes=0 postfix_changed=0 dovecot_changed=0 systemd_changed=0
# say: one line per action; in --dry-run "would ..." and nothing happens.
say() { if (( dry_run )); then echo "install: would $*"; else echo "install: $*"; fi; }
changed() { changes=$((changes + 1)); }

# backup FILE: keep a copy of FILE under backup_dir before it changes.
backup() {
    local file="$1"
    track_file "$file"
    [[ -e "$file" ]] || return 0
    local copy="$backup_dir/$stamp$file"
    say "back up $file to $copy"
    (( dry_run )) && return 0
    install -d -m 0700 "$backup_dir" "$(dirname "$copy")"
    cp -p "$file" "$copy"
}

# set_mode PATH MODE OWNER GROUP: exactly that, clearing set-id bits that a
# setgid parent (Debian's /var/mail is 2775) passes on to new folders.
set_mode() {
    chown "$3:$4" "$1"
    chmod u-s,g-s "$1"
    chmod "$2" "$1"
}

# ensure_dir DIR MODE OWNER GROUP [data]
ensure_dir() {
    local dir="$1" mode="$2" owner="$3" group="$4"
    if [[ ! -d "$dir" ]]; then
        say "create $dir ($mode $owner:$group)"; changed
        (( dry_run )) && return 0
        track_dir "$dir" "${5:-dir}"
        install -d "$dir"
        set_mode "$dir" "$mode" "$owner" "$group"
    elif [[ "$(stat -c '%a %U %G' "$dir")" != "${mode#0} $owner $group" ]]; then
        say "set $dir to $mode $owner:$group (was $(stat -c '%a %U:%G' "$dir"))"; changed
        (( dry_run )) || set_mode "$dir" "$mode" "$owner" "$group"
    fi
    return 0
}

# own_tree DIR DIRMODE FILEMODE: everything below DIR owned by the delivery
# user, folders DIRMODE, files FILEMODE (a spool or database left behind by a
# run as root breaks every delivery).
own_tree() {
    local dir="$1" dmode="$2" fmode="$3" wrong
    [[ -d "$dir" ]] || return 0
    wrong="$(find "$dir" -mindepth 1 \( ! -user "$vmail_user" -o ! -group "$vmail_group" \
        -o \( -type d ! -perm "$dmode" \) -o \( -type f ! -perm "$fmode" \) \) -print | head -n 3)"
    [[ -n "$wrong" ]] || return 0
    say "own everything in $dir by $vmail_user:$vmail_group, folders $dmode, files $fmode (e.g. ${wrong//$'\n'/, })"; changed
    (( dry_run )) && return 0
    chown -R "$vmail_user:$vmail_group" "$dir"
    find "$dir" -mindepth 1 -type d -exec chmod "$dmode" {} + -exec chmod u-s,g-s {} +
    find "$dir" -mindepth 1 -type f -exec chmod "$fmode" {} +
}

# install_file SRC DST MODE OWNER GROUP [nobackup]: copy when the content
# differs (backing up the old file), then fix mode and owner.
install_file() {
    local src="$1" dst="$2" mode="$3" owner="$4" group="$5" keep="${6:-backup}"
    if [[ -f "$dst" ]] && cmp -s "$src" "$dst"; then
        if [[ "$(stat -c '%a %U %G' "$dst")" != "${mode#0} $owner $group" ]]; then
            say "set $dst to $mode $owner:$group"; changed
            (( dry_run )) || { chown "$owner:$group" "$dst"; chmod "$mode" "$dst"; }
        fi
        return 1   # content unchanged
    fi
    if [[ "$keep" == backup ]]; then backup "$dst"; else track_file "$dst"; fi
    say "install $dst ($mode $owner:$group)"; changed
    # umask 077: no moment where a new file (e.g. with the DB password) is world-readable.
    (( dry_run )) || (umask 077 && install -m "$mode" -o "$owner" -g "$group" "$src" "$dst")
    return 0
}

# render_install TEMPLATE DST MODE OWNER GROUP: render, then install_file.
render_install() {
    local tmp
    tmp="$work/$(basename "$2").rendered"
    render "$1" "$tmp" || die "cannot render $1"
    install_file "$tmp" "$2" "$3" "$4" "$5"
}

# render_each TEMPLATE DST MODE OWNER GROUP: one copy of the template's
# non-comment lines per support address (its comments once), then install_file.
render_each() {
    local tmp address
    tmp="$work/$(basename "$2").rendered"
    grep '^#' "$1" >"$tmp" || true
    for address in "${support_list[@]}"; do
        TM_SUPPORT_ADDRESS="$address" render "$1" "$work/one" || die "cannot render $1"
        grep -v '^#' "$work/one" >>"$tmp"
    done
    install_file "$tmp" "$2" "$3" "$4" "$5"
}

# ================================================================ vmail
if ! getent passwd "$vmail_user" >/dev/null; then
    say "create system user $vmail_user"; changed
    if (( ! dry_run )); then
        track_user "$vmail_user"
        # uid/gid 5000 by convention when free (Dovecot's first_valid_uid is 500).
        ids=()
        getent passwd 5000 >/dev/null || ids+=(--uid 5000)
        if ! getent group "$vmail_user" >/dev/null; then
            if getent group 5000 >/dev/null; then groupadd --system "$vmail_user"; else groupadd --gid 5000 "$vmail_user"; fi
        fi
        ids+=(--gid "$vmail_user")
        useradd --system "${ids[@]}" --home-dir /nonexistent --shell /usr/sbin/nologin "$vmail_user"
    fi
fi
if getent passwd "$vmail_user" >/dev/null; then
    vmail_group="$(id -gn "$vmail_user")"
else
    vmail_group="$vmail_user"   # dry run before the user exists
fi
root_group="$(id -gn root)"

address_list="$(IFS=,; echo "${support_list[*]}")"
sieve_list="$(printf '"%s", ' "${support_list[@]}")"
TM_SUPPORT_ADDRESS="${support_list[0]}" TM_SUPPORT_ADDRESS_LIST="${sieve_list%, }"
domain_list="$(IFS=,; echo "${domains[*]}")"
TM_SUPPORT_DOMAINS="${domain_list//,/, }" TM_AUDIT_FOLDER="$audit_folder"
TM_PREFIX="$prefix" TM_CONFIG_FILE="$config_file" TM_LOG_DIR="$log_dir" TM_DATA_DIR="$db_dir"
TM_SPOOL_DIR="$spool_dir" TM_POSTFIX_DIR="$postfix_dir" TM_POSTFIX_QUEUE_DIR="$queue_dir"
TM_DOVECOT_DIR="$dovecot_dir" TM_SIEVE_DIR="$sieve_dir" TM_PIPE_BIN_DIR="$pipe_bin_dir"
TM_MAIL_HOME="$mail_home" TM_VMAIL_USER="$vmail_user" TM_VMAIL_GROUP="$vmail_group"
export TM_SUPPORT_ADDRESS TM_SUPPORT_ADDRESS_LIST TM_SUPPORT_DOMAINS TM_AUDIT_FOLDER TM_PREFIX \
    TM_CONFIG_FILE TM_LOG_DIR TM_DATA_DIR TM_SPOOL_DIR TM_POSTFIX_DIR TM_POSTFIX_QUEUE_DIR \
    TM_DOVECOT_DIR TM_SIEVE_DIR TM_PIPE_BIN_DIR TM_MAIL_HOME TM_VMAIL_USER TM_VMAIL_GROUP

# ================================================================ the CLI
ensure_dir "$prefix" 0755 root "$root_group"
if [[ -n "$binary" ]]; then
    published="$(cd "$(dirname "$binary")" && pwd)"
else
    published="$work/publish"
    say "run dotnet publish $repo/src/TicketMail.Cli -c Release -o $published"
    if (( dry_run )); then
        published=""
        say "install the published CLI into $prefix (every file that differs)"; changed
    else
        dotnet publish "$repo/src/TicketMail.Cli" -c Release -o "$published" --nologo >"$work/publish.log" 2>&1 ||
            { cat "$work/publish.log" >&2; die "dotnet publish failed"; }
    fi
fi
if [[ -n "$published" && "$published" != "$prefix" ]]; then
    while IFS= read -r -d '' file; do
        rel="${file#"$published"/}"
        mode=0644
        [[ -x "$file" ]] && mode=0755
        [[ "$rel" == */* ]] && ensure_dir "$prefix/$(dirname "$rel")" 0755 root "$root_group"
        install_file "$file" "$prefix/$rel" "$mode" root "$root_group" nobackup || true
    done < <(find "$published" -type f ! -name '*.pdb' ! -name '*.dbg' -print0 | sort -z)
fi

ensure_dir "$pipe_bin_dir" 0755 root "$root_group"
render_install "$here/bin/ticketmail-pipe" "$wrapper" 0755 root "$root_group" || true

# ================================================================ folders
# The spool, the logs and the SQLite folder belong to the delivery user, all the way down.
ensure_dir "$spool_dir" 0700 "$vmail_user" "$vmail_group" data
own_tree "$spool_dir" 0700 0600
ensure_dir "$log_dir" 0750 "$vmail_user" "$vmail_group" data
own_tree "$log_dir" 0750 0600
ensure_dir "$mail_home" 0700 "$vmail_user" "$vmail_group" data
if [[ -n "$sqlite_file" ]]; then
    ensure_dir "$db_dir" 0700 "$vmail_user" "$vmail_group" data
    own_tree "$db_dir" 0700 0600
fi

# ================================================================ config
# Merged: the keys below are set, every other key is kept as it is.
ensure_dir "$config_dir" 0750 root "$vmail_group"
key_changes=()
set_key() {
    json_set "$1" "$2"
    [[ -n "$json_change" ]] && key_changes+=("$1 $json_change")
    return 0
}
set_key TICKETMAIL_SUPPORT_ADDRESS "$address_list"
set_key TICKETMAIL_DB "$db"
set_key TICKETMAIL_SPOOL "$spool_dir"
set_key TICKETMAIL_LOG "$log_dir/ticketmail.log"
set_key TICKETMAIL_WRAPPER "$wrapper"
# Doctor checks the Sieve script only on the LMTP path; a switch to pipe drops the key the LMTP run wrote.
set_key TICKETMAIL_TRANSPORT "$transport"
if [[ "$transport" == lmtp ]]; then
    set_key TICKETMAIL_SIEVE_SCRIPT "$sieve_dir/ticketmail.sieve"
else
    json_unset TICKETMAIL_SIEVE_SCRIPT
    [[ -n "$json_change" ]] && key_changes+=("TICKETMAIL_SIEVE_SCRIPT $json_change")
fi
set_key TICKETMAIL_POSTFIX_DIR "$postfix_dir"
if (( ${#key_changes[@]} > 0 )); then
    (umask 077 && json_write "$work/ticketmail.json")
    kept=${#json_keys[@]}
    for change in "${key_changes[@]}"; do [[ "$change" == *" removed" ]] || kept=$((kept - 1)); done
    changed_keys="$(IFS=,; echo "${key_changes[*]}")"
    say "set in $config_file: ${changed_keys//,/, } (${kept} other key(s) kept)"
    install_file "$work/ticketmail.json" "$config_file" 0640 root "$vmail_group" || true
else
    install_file "$config_file" "$config_file" 0640 root "$vmail_group" || true
fi
# The log files exist before anything writes them: a root run of the CLI, or cron's umask 022, would
# create them root-owned or world-readable.
for log_file in ticketmail.log spool-retry.log outbox-flush.log; do
    if [[ ! -e "$log_dir/$log_file" ]]; then
        say "create $log_dir/$log_file (0600 $vmail_user:$vmail_group)"; changed
        (( dry_run )) || install -m 0600 -o "$vmail_user" -g "$vmail_group" /dev/null "$log_dir/$log_file"
    fi
done

# ================================================================ Postfix
main_cf="$postfix_dir/main.cf" master_cf="$postfix_dir/master.cf"
mailboxes="$postfix_dir/ticketmail-mailboxes"
if render_each "$here/postfix/ticketmail-mailboxes" "$mailboxes" 0644 root "$root_group" ||
        [[ ! -f "$mailboxes.db" || "$mailboxes" -nt "$mailboxes.db" ]]; then
    say "run postmap hash:$mailboxes"; changed; postfix_changed=1
    track_file "$mailboxes.db"
    (( dry_run )) || postmap -c "$postfix_dir" "hash:$mailboxes"
fi

# master.cf entries: join continuation lines, compare with "postconf -M".
render "$here/postfix/master.cf" "$work/master.fragment" || die "cannot render master.cf"
master_edits=()
while IFS= read -r entry; do
    [[ -n "$entry" ]] || continue
    read -r service type _ <<<"$entry"
    current="$(postconf -c "$postfix_dir" -M "$service/$type" 2>/dev/null | tr -s ' \t\n' ' ' | sed 's/ $//')"
    [[ "$current" == "$entry" ]] || master_edits+=("$service/$type=$entry")
done < <(grep -v '^#' "$work/master.fragment" | sed -E ':a;N;$!ba;s/\n[[:space:]]+/ /g' | tr -s ' \t' ' ')
if (( ${#master_edits[@]} > 0 )); then
    backup "$master_cf"
    for edit in "${master_edits[@]}"; do
        say "set in $master_cf: ${edit%%=*}"; changed; postfix_changed=1
        (( dry_run )) || postconf -c "$postfix_dir" -Me "$edit"
    done
fi

# Desired main.cf settings, as "name<TAB>value" lines.
: >"$work/main.settings"
main_fragments=("$here/postfix/main.cf")
[[ "$transport" == pipe ]] && main_fragments+=("$here/postfix/main.cf.pipe")
for fragment in "${main_fragments[@]}"; do
    render "$fragment" "$work/main.fragment" || die "cannot render $fragment"
    sed -nE 's/^([a-z_0-9]+)[[:space:]]*=[[:space:]]*(.*[^[:space:]])[[:space:]]*$/\1\t\2/p' \
        "$work/main.fragment" >>"$work/main.settings"
done
# Size limits: raised to what TicketMail accepts (never lowered); Postfix
# refuses to deliver when a mailbox limit is below message_size_limit.
for name in message_size_limit mailbox_size_limit virtual_mailbox_limit; do
    value="$(postconf -c "$postfix_dir" -h "$name")"
    if [[ "$value" != 0 ]] && (( value < mta_limit )); then
        printf '%s\t%s\n' "$name" "$mta_limit" >>"$work/main.settings"
    fi
done
edits=()
while IFS=$'\t' read -r name value; do
    current="$(postconf -c "$postfix_dir" -nh "$name" 2>/dev/null || true)"
    case "$name" in
        virtual_mailbox_domains|virtual_mailbox_maps)
            # List settings: add our entries, keep the site's own.
            list=" $(echo "$current" | tr ',' ' ' | tr -s ' ') "
            merged="$current"
            for item in $(echo "$value" | tr ',' ' '); do
                [[ "$list" == *" $item "* ]] && continue
                merged="${merged:+$merged, }$item"
            done
            [[ "$merged" == "$current" ]] && continue
            value="$merged" ;;
        *)
            [[ "$current" == "$value" ]] && continue ;;
    esac
    edits+=("$name = $value")
done <"$work/main.settings"
if (( ${#edits[@]} > 0 )); then
    backup "$main_cf"
    for edit in "${edits[@]}"; do
        say "set in $main_cf: $edit"; changed; postfix_changed=1
        (( dry_run )) || postconf -c "$postfix_dir" -e "$edit"
    done
fi

# ================================================================ Dovecot
if [[ "$transport" == lmtp ]]; then
    ensure_dir "$dovecot_dir/conf.d" 0755 root "$root_group"
    for conf in "$here"/dovecot/conf.d/*.conf; do
        render_install "$conf" "$dovecot_dir/conf.d/$(basename "$conf")" 0644 root "$root_group" && dovecot_changed=1
    done
    render_each "$here/dovecot/ticketmail-users" "$dovecot_dir/ticketmail-users" 0644 root "$root_group" && dovecot_changed=1
    ensure_dir "$sieve_dir" 0755 root "$root_group"
    script="$sieve_dir/ticketmail.sieve"
    render_install "$repo/sieve/ticketmail.sieve" "$script" 0644 root "$root_group" || true
    if [[ ! -f "${script%.sieve}.svbin" || "$script" -nt "${script%.sieve}.svbin" ]]; then
        say "compile $script with sievec"; changed; dovecot_changed=1
        track_file "${script%.sieve}.svbin"
        (( dry_run )) || sievec -c "$dovecot_conf" "$script"
    fi
fi

# ================================================================ timer or cron, logrotate
ensure_dir "$systemd_dir" 0755 root "$root_group"
for unit in "$here"/systemd/*; do
    render_install "$unit" "$systemd_dir/$(basename "$unit")" 0644 root "$root_group" && systemd_changed=1
done
if (( ! systemd_running )); then
    # No timer without systemd: cron runs "spool retry" (cron.d files must be root 0644, no dots in the name).
    ensure_dir "$cron_dir" 0755 root "$root_group"
    render_install "$here/cron/ticketmail" "$cron_dir/ticketmail" 0644 root "$root_group" || true
fi
ensure_dir "$logrotate_dir" 0755 root "$root_group"
render_install "$here/logrotate/ticketmail" "$logrotate_dir/ticketmail" 0644 root "$root_group" || true

# ================================================================ database
# As the delivery user: a SQLite file created by root would stop every delivery.
if (( migrate )); then
    say "run $prefix/ticketmail --config $config_file db migrate (as $vmail_user)"
    if (( ! dry_run )); then
        # umask 077: a new database file is 0600, like everything else in its folder.
        (umask 077 && runuser -u "$vmail_user" -- "$prefix/ticketmail" --config "$config_file" db migrate) ||
            die "db migrate failed (above); fix it and run install.sh again"
    fi
fi

# ================================================================ reload
dovecot_running() {
    local pid_file
    pid_file="$(doveconf -c "$dovecot_conf" -h base_dir 2>/dev/null)/master.pid"
    [[ -s "$pid_file" ]] && kill -0 "$(<"$pid_file")" 2>/dev/null
}
if (( reload )); then
    if (( postfix_changed )) && postfix -c "$postfix_dir" status >/dev/null 2>&1; then
        say "reload Postfix"
        (( dry_run )) || postfix -c "$postfix_dir" reload 2>/dev/null
    fi
    if (( dovecot_changed )) && [[ "$transport" == lmtp ]] && dovecot_running; then
        say "reload Dovecot"
        (( dry_run )) || doveadm -c "$dovecot_conf" reload
    fi
    if (( systemd_running )); then
        if (( systemd_changed )); then
            say "reload systemd"
            (( dry_run )) || systemctl daemon-reload
        fi
        if ! systemctl is-enabled --quiet ticketmail-spool-retry.timer 2>/dev/null; then
            say "enable ticketmail-spool-retry.timer"; changed
            (( dry_run )) || systemctl enable --now ticketmail-spool-retry.timer
        fi
    fi
fi

if (( changes == 0 )); then
    echo "install: nothing to change"
elif (( dry_run )); then
    echo "install: dry run: $changes change(s) would be made"
else
    echo "install: $changes change(s) made"
fi
