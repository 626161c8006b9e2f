#!/bin/bash
# Undoes deploy/install.sh, from what it recorded in BACKUP_DIR/installed:
# every Postfix, Dovecot, systemd, cron and logrotate file it changed is put
# back byte for byte (cp -p of the original), every file and folder it added is
# removed. The database, the spool, the logs and the support mailbox are kept
# unless --purge-data is given. A file changed by hand since the install is
# left alone (with the command that restores it) unless --force.
#
#   deploy/uninstall.sh --dry-run
#   deploy/uninstall.sh [--purge-data] [--force] [--backup-dir DIR]
set -euo pipefail
umask 022

usage() {
    cat <<'USAGE'
Usage: deploy/uninstall.sh [options]

  --purge-data        also delete what holds mail and tickets: the spool, the
                      SQLite folder, the logs, the support mailbox, and the
                      vmail user if install.sh created it (a PostgreSQL
                      database is never touched)
  --force             restore or remove files even when they changed since the install
  --backup-dir DIR    where install.sh kept its record (default /var/backups/ticketmail)
  --postfix-dir DIR   for the reload (default /etc/postfix)
  --dovecot-conf FILE for the reload (default /etc/dovecot/dovecot.conf)
  --no-reload         do not reload Postfix and Dovecot
  --dry-run           print every change, make none
  -h, --help
USAGE
}

die() { echo "uninstall: error: $*" >&2; exit 1; }

backup_dir=/var/backups/ticketmail purge=0 force=0 dry_run=0 reload=1
postfix_dir=/etc/postfix dovecot_conf=/etc/dovecot/dovecot.conf
while (( $# > 0 )); do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --purge-data) purge=1 ;;
        --force) force=1 ;;
        --dry-run) dry_run=1 ;;
        --no-reload) reload=0 ;;
        --backup-dir|--postfix-dir|--dovecot-conf)
            (( $# >= 2 )) || die "$1 needs a value"
            case "$1" in
                --backup-dir) backup_dir="$2" ;;
                --postfix-dir) postfix_dir="$2" ;;
                *) dovecot_conf="$2" ;;
            esac
            shift ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done

state_dir="$backup_dir/installed"
manifest="$state_dir/manifest"
[[ -f "$manifest" ]] || die "$manifest does not exist: nothing recorded by install.sh (was it installed with another --backup-dir?)"
(( dry_run )) || [[ $EUID -eq 0 ]] || die "run as root (or with --dry-run)"

changes=0 kept=0
say() { if (( dry_run )); then echo "uninstall: would $*"; else echo "uninstall: $*"; fi; changes=$((changes + 1)); }

# installed_sum PATH: the checksum install.sh recorded for PATH ("" when none).
installed_sum() {
    [[ -f "$state_dir/installed.sha256" ]] || return 0
    awk -v p="$1" 'substr($0, 67) == p { print $1; exit }' "$state_dir/installed.sha256"
}
# untouched PATH: PATH is as install.sh left it (or --force).
untouched() {
    (( force )) && return 0
    [[ -e "$1" ]] || return 0
    local sum
    sum="$(installed_sum "$1")"
    # No checksum: install.sh stopped before it finished; nothing newer than its own work to protect.
    [[ -z "$sum" || "$(sha256sum -- "$1" | cut -d' ' -f1)" == "$sum" ]]
}

# The timer first (with systemd), so nothing runs ticketmail while it goes.
if [[ -d /run/systemd/system ]] && systemctl is-enabled --quiet ticketmail-spool-retry.timer 2>/dev/null; then
    say "disable ticketmail-spool-retry.timer"
    (( dry_run )) || systemctl disable --now ticketmail-spool-retry.timer
fi
# The outbox unit has no timer of its own (the spool-retry service pulls it in): stop a run in progress.
if [[ -d /run/systemd/system ]] && systemctl is-active --quiet ticketmail-outbox-flush.service 2>/dev/null; then
    say "stop ticketmail-outbox-flush.service"
    (( dry_run )) || systemctl stop ticketmail-outbox-flush.service
fi

# Newest first: files before the folders that hold them.
dirs=() users=()
while read -r kind path state; do
    case "$kind" in
        file)
            if ! untouched "$path"; then
                kept=$((kept + 1))
                if [[ "$state" == present ]]; then
                    echo "uninstall: warning: $path changed since the install; kept (restore it with: cp -p $state_dir/orig$path $path)" >&2
                else
                    echo "uninstall: warning: $path changed since the install; kept (remove it with: rm $path)" >&2
                fi
            elif [[ "$state" == present ]]; then
                if ! cmp -s "$state_dir/orig$path" "$path"; then
                    say "restore $path"
                    (( dry_run )) || cp -p "$state_dir/orig$path" "$path"
                fi
            elif [[ -e "$path" ]]; then
                say "remove $path"
                (( dry_run )) || rm -f -- "$path"
            fi ;;
        dir) dirs+=("$path") ;;
        data)
            if (( purge )); then
                [[ -e "$path" ]] && { say "delete $path and everything in it"; (( dry_run )) || rm -rf -- "$path"; }
            elif [[ -e "$path" ]]; then
                echo "uninstall: kept $path (mail or tickets; --purge-data deletes it)"
            fi ;;
        user) users+=("$path") ;;
    esac
done < <(tac "$manifest")

for dir in "${dirs[@]}"; do
    [[ -d "$dir" ]] || continue
    if [[ -z "$(ls -A "$dir")" ]] || (( dry_run )); then
        say "remove folder $dir"
        (( dry_run )) || rmdir -- "$dir"
    else
        echo "uninstall: kept $dir: not empty" >&2
    fi
done

for user in "${users[@]}"; do
    if (( purge )) && getent passwd "$user" >/dev/null; then
        say "delete user $user"
        if (( ! dry_run )); then
            userdel "$user"
            if getent group "$user" >/dev/null; then groupdel "$user" 2>/dev/null || true; fi
        fi
    elif getent passwd "$user" >/dev/null; then
        echo "uninstall: kept user $user (--purge-data deletes it)"
    fi
done

if (( reload )); then
    if command -v postfix >/dev/null && postfix -c "$postfix_dir" status >/dev/null 2>&1; then
        say "reload Postfix"
        (( dry_run )) || postfix -c "$postfix_dir" reload 2>/dev/null
    fi
    pid_file="$(doveconf -c "$dovecot_conf" -h base_dir 2>/dev/null || true)/master.pid"
    if [[ -s "$pid_file" ]] && kill -0 "$(<"$pid_file")" 2>/dev/null; then
        say "reload Dovecot"
        (( dry_run )) || doveadm -c "$dovecot_conf" reload
    fi
    if [[ -d /run/systemd/system ]]; then
        say "reload systemd"   # the removed units
        (( dry_run )) || systemctl daemon-reload
    fi
fi

if (( ! dry_run && kept == 0 )); then
    # Done: the record goes too (the timestamped backups stay).
    rm -rf -- "$state_dir"
fi
if (( dry_run )); then
    echo "uninstall: dry run: $changes change(s) would be made"
else
    echo "uninstall: $changes change(s) made$( ((kept)) && echo ", $kept file(s) changed since the install kept")"
fi
