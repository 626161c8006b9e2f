# shellcheck shell=bash
# Shared by install.sh and the tests: fills @NAME@ placeholders in the
# templates under deploy/ and sieve/ from shell variables of the same name
# prefixed with TM_ (e.g. @PREFIX@ <- $TM_PREFIX).

TM_PLACEHOLDERS=(SUPPORT_ADDRESS SUPPORT_ADDRESS_LIST SUPPORT_DOMAINS AUDIT_FOLDER PREFIX
    CONFIG_FILE LOG_DIR SPOOL_DIR DATA_DIR POSTFIX_DIR POSTFIX_QUEUE_DIR DOVECOT_DIR
    SIEVE_DIR PIPE_BIN_DIR MAIL_HOME VMAIL_USER VMAIL_GROUP)

# sed_escape VALUE: VALUE made safe for the right-hand side of s|...|...|.
sed_escape() {
    local v="$1"
    v="${v//\\/\\\\}"
    v="${v//|/\\|}"
    v="${v//&/\\&}"
    printf '%s' "$v"
}

# render SRC DST: copy SRC to DST with every known placeholder replaced.
# Fails when a placeholder is left over (an unset TM_ variable or a typo).
render() {
    local src="$1" dst="$2" name var script=""
    for name in "${TM_PLACEHOLDERS[@]}"; do
        var="TM_$name"
        if [[ -n "${!var+set}" ]]; then
            script+="s|@${name}@|$(sed_escape "${!var}")|g;"
        fi
    done
    sed -e "$script" "$src" >"$dst"
    if grep -qE '@[A-Z][A-Z_]*@' "$dst"; then
        echo "render: $src: unfilled placeholder(s): $(grep -oE '@[A-Z][A-Z_]*@' "$dst" | sort -u | tr '\n' ' ')" >&2
        return 1
    fi
}
