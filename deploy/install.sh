#!/bin/bash
# Installs TicketMail behind Postfix + Dovecot (Debian 12: Postfix 3.7,
# Dovecot 2.3, Pigeonhole 0.5). Run as root from a checkout of the repository.
#
#   deploy/install.sh --support-address support@example.com \
#       --db 'Host=db.internal;Database=ticketmail;Username=ticketmail;Password=...'
#
# Idempotent: a second run with the same options changes nothing. Every file
# it replaces or edits is first copied under --backup-dir. --dry-run prints
# what would be done and changes nothing. See deploy/README-section.md.
set -euo pipefail
umask 022

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=deploy/lib/render.sh
. "$here/lib/render.sh"

usage() {
    cat <<'USAGE'
Usage: deploy/install.sh --support-address ADDR [--db CONN] [options]

  --support-address ADDR  the support mailbox, e.g. support@example.com (required)
  --db CONN               database: Host=...;Database=...;Username=...;Password=...
                          or postgres://... (required on the first install; without
                          it an existing ticketmail.json is left as it is)
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
  --systemd-dir DIR       default /etc/systemd/system
  --logrotate-dir DIR     default /etc/logrotate.d
  --backup-dir DIR        default /var/backups/ticketmail
  --no-migrate            do not run "ticketmail db migrate"
  --no-reload             do not reload Postfix, Dovecot or systemd
  --dry-run               print what would be done, change nothing
  -h, --help
USAGE
}

die() { echo "install: error: $*" >&2; exit 1; }

support_address="" db="" prefix=/opt/ticketmail binary="" transport=lmtp
audit_folder=TicketMail vmail_user=vmail config_dir=/etc/ticketmail
postfix_dir=/etc/postfix dovecot_dir=/etc/dovecot dovecot_conf=""
mail_home=/var/mail/ticketmail spool_dir=/var/spool/ticketmail
log_dir=/var/log/ticketmail systemd_dir=/etc/systemd/system
logrotate_dir=/etc/logrotate.d backup_dir=/var/backups/ticketmail
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
        --support-address) support_address="$val" ;;
        --db) db="$val" ;;
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
        --systemd-dir) systemd_dir="$val" ;;
        --logrotate-dir) logrotate_dir="$val" ;;
        --backup-dir) backup_dir="$val" ;;
        *) die "unknown option $opt (see --help)" ;;
    esac
    shift 2
done

# ---------------------------------------------------------------- checks
support_address="${support_address,,}"
[[ "$support_address" =~ ^([a-z0-9._-]+)@([a-z0-9-]+(\.[a-z0-9-]+)+)$ ]] ||
    die "--support-address must look like support@example.com (no +detail), got '$support_address'"
support_user="${BASH_REMATCH[1]}" support_domain="${BASH_REMATCH[2]}"
[[ "$transport" == lmtp || "$transport" == pipe ]] || die "--transport must be lmtp or pipe"
[[ "$audit_folder" != *[\"\\]* ]] || die "--audit-folder must not contain quotes or backslashes"
[[ -z "$binary" || -x "$binary" ]] || die "--binary $binary is not an executable file"
(( dry_run )) || [[ $EUID -eq 0 ]] || die "run as root (or with --dry-run)"
[[ -z "$dovecot_conf" ]] && dovecot_conf="$dovecot_dir/dovecot.conf"
for dir in "$prefix" "$config_dir" "$postfix_dir" "$dovecot_dir" "$mail_home" "$spool_dir" "$log_dir"; do
    [[ "$dir" == /* ]] || die "paths must be absolute: $dir"
done
command -v postconf >/dev/null || die "postconf not found: apt-get install postfix"
[[ -f "$postfix_dir/main.cf" ]] || die "$postfix_dir/main.cf does not exist: configure Postfix first"
if [[ "$transport" == lmtp ]]; then
    command -v sievec >/dev/null || die "sievec not found: apt-get install dovecot-core dovecot-lmtpd dovecot-sieve"
    [[ -f "$dovecot_conf" ]] || die "$dovecot_conf does not exist"
fi

config_file="$config_dir/ticketmail.json"
queue_dir="$(postconf -c "$postfix_dir" -h queue_directory)"
sieve_dir="$dovecot_dir/sieve"
pipe_bin_dir="$prefix/sieve-pipe"
stamp="$(date +%Y%m%dT%H%M%S)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

changes=0 postfix_changed=0 dovecot_changed=0 systemd_changed=0
# say: one line per action; in --dry-run "would ..." and nothing happens.
say() { if (( dry_run )); then echo "install: would $*"; else echo "install: $*"; fi; }
changed() { changes=$((changes + 1)); }

# backup FILE: keep a copy of FILE under backup_dir before it changes.
backup() {
    local file="$1"
    [[ -e "$file" ]] || return 0
    local copy="$backup_dir/$stamp$file"
    say "back up $file to $copy"
    (( dry_run )) && return 0
    install -d -m 0700 "$backup_dir" "$(dirname "$copy")"
    cp -p "$file" "$copy"
}

# ensure_dir DIR MODE OWNER GROUP
ensure_dir() {
    local dir="$1" mode="$2" owner="$3" group="$4"
    if [[ ! -d "$dir" ]]; then
        say "create $dir ($mode $owner:$group)"; changed
        (( dry_run )) || install -d -m "$mode" -o "$owner" -g "$group" "$dir"
    elif [[ "$(stat -c '%a %U %G' "$dir")" != "${mode#0} $owner $group" ]]; then
        say "set $dir to $mode $owner:$group"; changed
        (( dry_run )) || { chown "$owner:$group" "$dir"; chmod "$mode" "$dir"; }
    fi
    return 0
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
    [[ "$keep" == backup ]] && backup "$dst"
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

# ---------------------------------------------------------------- vmail
if ! getent passwd "$vmail_user" >/dev/null; then
    say "create system user $vmail_user"; changed
    if (( ! dry_run )); then
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

TM_SUPPORT_ADDRESS="$support_address" TM_SUPPORT_USER="$support_user"
TM_SUPPORT_DOMAIN="$support_domain" TM_AUDIT_FOLDER="$audit_folder"
TM_PREFIX="$prefix" TM_CONFIG_FILE="$config_file" TM_LOG_DIR="$log_dir"
TM_SPOOL_DIR="$spool_dir" TM_POSTFIX_DIR="$postfix_dir" TM_POSTFIX_QUEUE_DIR="$queue_dir"
TM_DOVECOT_DIR="$dovecot_dir" TM_SIEVE_DIR="$sieve_dir" TM_PIPE_BIN_DIR="$pipe_bin_dir"
TM_MAIL_HOME="$mail_home" TM_VMAIL_USER="$vmail_user" TM_VMAIL_GROUP="$vmail_group"
export TM_SUPPORT_ADDRESS TM_SUPPORT_USER TM_SUPPORT_DOMAIN TM_AUDIT_FOLDER TM_PREFIX \
    TM_CONFIG_FILE TM_LOG_DIR TM_SPOOL_DIR TM_POSTFIX_DIR TM_POSTFIX_QUEUE_DIR \
    TM_DOVECOT_DIR TM_SIEVE_DIR TM_PIPE_BIN_DIR TM_MAIL_HOME TM_VMAIL_USER TM_VMAIL_GROUP

# ---------------------------------------------------------------- the CLI
ensure_dir "$prefix" 0755 root "$root_group"
if [[ -n "$binary" ]]; then
    published="$(cd "$(dirname "$binary")" && pwd)"
    [[ "$(basename "$binary")" == ticketmail ]] || die "--binary must point at a file named ticketmail"
else
    command -v dotnet >/dev/null || die "dotnet not found: install the .NET 10 SDK or pass --binary"
    published="$work/publish"
    say "run dotnet publish $repo/src/TicketMail.Cli -c Release -o $published"
    if (( dry_run )); then
        published=""
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
render_install "$here/bin/ticketmail-pipe" "$pipe_bin_dir/ticketmail-pipe" 0755 root "$root_group" || true

# ---------------------------------------------------------------- folders
ensure_dir "$spool_dir" 0700 "$vmail_user" "$vmail_group"
ensure_dir "$log_dir" 0750 "$vmail_user" "$vmail_group"
ensure_dir "$mail_home" 0700 "$vmail_user" "$vmail_group"

# ---------------------------------------------------------------- config
ensure_dir "$config_dir" 0750 root "$vmail_group"
json_escape() {
    local s="$1"
    s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\t'/\\t}"; s="${s//$'\n'/\\n}"; s="${s//$'\r'/\\r}"
    printf '"%s"' "$s"
}
if [[ -n "$db" ]]; then
    (
        umask 077
        printf '{\n  "TICKETMAIL_DB": %s,\n  "TICKETMAIL_SUPPORT_ADDRESS": %s,\n  "TICKETMAIL_SPOOL": %s\n}\n' \
            "$(json_escape "$db")" "$(json_escape "$support_address")" "$(json_escape "$spool_dir")" >"$work/ticketmail.json"
    )
    install_file "$work/ticketmail.json" "$config_file" 0640 root "$vmail_group" || true
elif [[ -f "$config_file" ]]; then
    grep -qiF "\"$support_address\"" "$config_file" ||
        echo "install: warning: $config_file does not name $support_address; pass --db to rewrite it" >&2
    install_file "$config_file" "$config_file" 0640 root "$vmail_group" || true
else
    die "$config_file does not exist yet: pass --db"
fi

# ---------------------------------------------------------------- Postfix
main_cf="$postfix_dir/main.cf" master_cf="$postfix_dir/master.cf"
mailboxes="$postfix_dir/ticketmail-mailboxes"
if render_install "$here/postfix/ticketmail-mailboxes" "$mailboxes" 0644 root "$root_group" ||
        [[ ! -f "$mailboxes.db" || "$mailboxes" -nt "$mailboxes.db" ]]; then
    say "run postmap hash:$mailboxes"; changed; postfix_changed=1
    (( dry_run )) || postmap -c "$postfix_dir" "hash:$mailboxes"
fi

if [[ " $(postconf -c "$postfix_dir" -hx mydestination | tr ',' ' ') " == *" $support_domain "* ]]; then
    die "$support_domain is in mydestination; a domain cannot be both local and virtual (use a subdomain such as help.$support_domain, or remove it from mydestination)"
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
edits=()
while IFS=$'\t' read -r name value; do
    current="$(postconf -c "$postfix_dir" -nh "$name" 2>/dev/null || true)"
    case "$name" in
        virtual_mailbox_domains|virtual_mailbox_maps)
            # List settings: add our entry, keep the site's own.
            if [[ " $(echo "$current" | tr ',' ' ') " == *" $value "* ]]; then
                continue
            fi
            [[ -n "$current" ]] && value="$current, $value" ;;
        *)
            [[ "$current" == "$value" ]] && continue
            if [[ -n "$current" && "$name" == virtual_transport ]]; then
                echo "install: warning: virtual_transport was '$current'; other virtual mailboxes now go to '$value' too" >&2
            fi ;;
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

# ---------------------------------------------------------------- Dovecot
if [[ "$transport" == lmtp ]]; then
    ensure_dir "$dovecot_dir/conf.d" 0755 root "$root_group"
    for conf in "$here"/dovecot/conf.d/*.conf; do
        render_install "$conf" "$dovecot_dir/conf.d/$(basename "$conf")" 0644 root "$root_group" && dovecot_changed=1
    done
    render_install "$here/dovecot/ticketmail-users" "$dovecot_dir/ticketmail-users" 0644 root "$root_group" && dovecot_changed=1
    ensure_dir "$sieve_dir" 0755 root "$root_group"
    script="$sieve_dir/ticketmail.sieve"
    render_install "$repo/sieve/ticketmail.sieve" "$script" 0644 root "$root_group" || true
    if [[ ! -f "${script%.sieve}.svbin" || "$script" -nt "${script%.sieve}.svbin" ]]; then
        say "compile $script with sievec"; changed; dovecot_changed=1
        (( dry_run )) || sievec -c "$dovecot_conf" "$script"
    fi
fi

# ---------------------------------------------------------------- systemd, logrotate
ensure_dir "$systemd_dir" 0755 root "$root_group"
for unit in "$here"/systemd/*; do
    render_install "$unit" "$systemd_dir/$(basename "$unit")" 0644 root "$root_group" && systemd_changed=1
done
ensure_dir "$logrotate_dir" 0755 root "$root_group"
render_install "$here/logrotate/ticketmail" "$logrotate_dir/ticketmail" 0644 root "$root_group" || true

# ---------------------------------------------------------------- database
if (( migrate )); then
    say "run $prefix/ticketmail --config $config_file db migrate"
    (( dry_run )) || "$prefix/ticketmail" --config "$config_file" db migrate
fi

# ---------------------------------------------------------------- reload
if (( reload && ! dry_run )); then
    if (( postfix_changed )) && postfix -c "$postfix_dir" status >/dev/null 2>&1; then
        say "reload Postfix"; postfix -c "$postfix_dir" reload
    fi
    if (( dovecot_changed )) && doveadm -c "$dovecot_conf" reload >/dev/null 2>&1; then
        say "reload Dovecot"
    fi
    if [[ -d /run/systemd/system ]]; then
        (( systemd_changed )) && { say "reload systemd"; systemctl daemon-reload; }
        if ! systemctl is-enabled --quiet ticketmail-spool-retry.timer; then
            say "enable ticketmail-spool-retry.timer"
            systemctl enable --now ticketmail-spool-retry.timer
        fi
    else
        echo "install: note: systemd is not running; run '$prefix/ticketmail --config $config_file spool retry' as $vmail_user from cron instead of the timer"
    fi
fi

if (( changes == 0 )); then
    echo "install: nothing to change"
elif (( dry_run )); then
    echo "install: dry run: $changes change(s) would be made"
else
    echo "install: $changes change(s) made"
fi
