# shellcheck shell=bash
# What install.sh added or changed, so that uninstall.sh can undo exactly that.
# STATE_DIR (BACKUP_DIR/installed) holds:
#   manifest      one line per item, in the order install.sh first touched it:
#                 "file PATH present" (orig/PATH is the file as it was before),
#                 "file PATH absent" (the installer created it), "dir PATH"
#                 (created), "data PATH" (created; holds mail or tickets: kept
#                 unless --purge-data), "user NAME" (created)
#   orig/         the original of every "present" file, copied with cp -p
#   installed.sha256  the files as install.sh last left them: uninstall.sh
#                 restores a file only when it is still like that
# The caller sets dry_run (1: record nothing).
# A path is recorded once, on first contact, so a re-run never overwrites an
# original with an already-edited file.

declare -A tracked=()
state_dir="" manifest=""
dry_run="${dry_run:-0}"

# track_load STATE_DIR: read the manifest (if any).
track_load() {
    state_dir="$1" manifest="$1/manifest"
    local kind path _
    [[ -f "$manifest" ]] || return 0
    while read -r kind path _; do
        [[ -n "$kind" ]] && tracked[$path]="$kind"
    done <"$manifest"
}

track_record() {
    install -d -m 0700 "$state_dir"
    printf '%s\n' "$*" >>"$manifest"
    tracked[$2]="$1"
}

# track_file PATH: before PATH is created or changed.
track_file() {
    (( dry_run )) && return 0
    [[ -n "${tracked[$1]:-}" ]] && return 0
    if [[ -e "$1" ]]; then
        install -d -m 0700 "$state_dir/orig$(dirname "$1")"
        cp -p "$1" "$state_dir/orig$1"
        track_record file "$1" present
    else
        track_record file "$1" absent
    fi
}

# track_dir PATH [data]: before PATH is created.
track_dir() {
    (( dry_run )) && return 0
    [[ -n "${tracked[$1]:-}" || -d "$1" ]] && return 0
    track_record "${2:-dir}" "$1"
}

# track_user NAME: before the user is created.
track_user() {
    (( dry_run )) && return 0
    [[ -n "${tracked[$1]:-}" ]] || track_record user "$1"
}

# track_seal: remember how install.sh left every tracked file.
track_seal() {
    (( dry_run )) && return 0
    [[ -f "$manifest" ]] || return 0
    local kind path _ files=()
    while read -r kind path _; do
        [[ "$kind" == file && -f "$path" ]] && files+=("$path")
    done <"$manifest"
    (( ${#files[@]} )) && sha256sum -- "${files[@]}" >"$state_dir/installed.sha256"
    return 0
}
