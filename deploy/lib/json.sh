# shellcheck shell=bash
# Flat JSON objects ({"KEY": value, ...}), as ticketmail.json is: read one
# keeping every key and its raw value, change some keys, write it back. Used by
# install.sh so that a re-run changes only the keys it manages and keeps the
# admin's own (TICKETMAIL_SMTP, TICKETMAIL_LOG, ...). No jq or python needed.

json_keys=()          # keys in file order
declare -A json_raw=()  # key -> the value exactly as written in the file

# json_escape VALUE: VALUE as a JSON string.
json_escape() {
    local s="$1"
    s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\t'/\\t}"; s="${s//$'\n'/\\n}"; s="${s//$'\r'/\\r}"
    printf '"%s"' "$s"
}

# json_string RAW: the text of a raw JSON value (strings unescaped, others as written).
json_string() {
    local raw="$1" out="" i c
    if [[ "$raw" != \"*\" ]]; then printf '%s' "$raw"; return 0; fi
    raw="${raw:1:${#raw}-2}"
    for ((i = 0; i < ${#raw}; i++)); do
        c="${raw:i:1}"
        if [[ "$c" == \\ ]]; then
            i=$((i + 1)); c="${raw:i:1}"
            case "$c" in
                n) c=$'\n' ;; t) c=$'\t' ;; r) c=$'\r' ;; b) c=$'\b' ;; f) c=$'\f' ;;
                u) printf -v c '%b' "\\u${raw:i+1:4}"; i=$((i + 4)) ;;
            esac
        fi
        out+="$c"
    done
    printf '%s' "$out"
}

# json_read FILE: fills json_keys and json_raw. Fails on anything but a flat
# object of strings, numbers, true, false and null.
json_read() {
    local s key
    local ws='^[[:space:]]+' pair='^("([^"\\]|\\.)*")[[:space:]]*:[[:space:]]*("([^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*|true|false|null)[[:space:]]*(,?)'
    json_keys=(); json_raw=()
    s="$(<"$1")"
    [[ "$s" =~ $ws ]] && s="${s:${#BASH_REMATCH[0]}}"
    [[ "$s" == "{"* ]] || return 1
    s="${s:1}"
    while :; do
        [[ "$s" =~ $ws ]] && s="${s:${#BASH_REMATCH[0]}}"
        if [[ "$s" == "}"* ]]; then
            s="${s:1}"
            [[ "$s" =~ $ws ]] && s="${s:${#BASH_REMATCH[0]}}"
            [[ -z "$s" ]]
            return
        fi
        [[ "$s" =~ $pair ]] || return 1
        key="$(json_string "${BASH_REMATCH[1]}")"
        [[ -n "${json_raw[$key]+set}" ]] || json_keys+=("$key")
        json_raw[$key]="${BASH_REMATCH[3]}"
        s="${s:${#BASH_REMATCH[0]}}"
        if [[ -z "${BASH_REMATCH[5]}" ]]; then
            [[ "$s" =~ $ws ]] && s="${s:${#BASH_REMATCH[0]}}"
            [[ "$s" == "}"* ]] || return 1
        fi
    done
}

# json_get KEY: the key's text ("" when absent).
json_get() {
    [[ -n "${json_raw[$1]+set}" ]] || return 0
    json_string "${json_raw[$1]}"
}

# json_set KEY VALUE: sets a string; json_change is then "added", "changed" or "".
# shellcheck disable=SC2034 # read by the caller
json_change=""
# shellcheck disable=SC2034 # json_change is read by the caller
json_set() {
    local new
    new="$(json_escape "$2")"
    json_change=""
    if [[ -z "${json_raw[$1]+set}" ]]; then
        json_keys+=("$1"); json_raw[$1]="$new"; json_change=added
    elif [[ "${json_raw[$1]}" != "$new" ]]; then
        json_raw[$1]="$new"; json_change=changed
    fi
}

# json_unset KEY: removes the key; json_change is then "removed" or "".
# shellcheck disable=SC2034 # json_change is read by the caller
json_unset() {
    local key rest=()
    json_change=""
    [[ -n "${json_raw[$1]+set}" ]] || return 0
    for key in "${json_keys[@]}"; do [[ "$key" == "$1" ]] || rest+=("$key"); done
    json_keys=("${rest[@]}"); unset 'json_raw[$1]'; json_change=removed
}

# json_write FILE: the object, one key per line, in json_keys order.
json_write() {
    local i n=${#json_keys[@]}
    {
        echo "{"
        for ((i = 0; i < n; i++)); do
            printf '  %s: %s%s\n' "$(json_escape "${json_keys[i]}")" "${json_raw[${json_keys[i]}]}" "$( ((i + 1 < n)) && echo ,)"
        done
        echo "}"
    } >"$1"
}
