#!/usr/bin/env bash
# Time and peak memory of one 40 MB message whose body is text: long lines, short lines, HTML (issue 15 item 10:
# under 3x the message size and 5 s). Prints figures, asserts nothing.
#   bench/large.sh [BINARY]     default: a Native AOT publish into bench/out/aot (made when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bench/out/aot/ticketmail}
if [ ! -x "$bin" ]; then
  dotnet publish src/TicketMail.Cli -c Release -o bench/out/aot >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TICKETMAIL_DB="$work/t.db" TICKETMAIL_SPOOL="$work/spool" TICKETMAIL_SUPPORT_ADDRESS=support@example.com
"$bin" db migrate >/dev/null

size=$((40 * 1024 * 1024))
make() { # name content-type line
  {
    printf 'From: Ann <ann@customer.example>\r\nTo: support@example.com\r\nSubject: %s\r\n' "$1"
    printf 'Message-ID: <%s@bench.example>\r\nMIME-Version: 1.0\r\nContent-Type: %s; charset=utf-8\r\n\r\n' "$1" "$2"
    head -c "$size" < <(yes "$3")
  } > "$work/$1.eml"
}
make long text/plain $'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.\r'
make short text/plain $'ok\r'
make html text/html $'<p>Hello <b>world</b>, <a href="https://example.com/x">a link</a></p>\r'

echo "| body | message, MiB | seconds | peak memory, MiB (x size) |"
echo "|---|---|---|---|"
for name in long short html; do
  mib=$(stat -c %s "$work/$name.eml" | awk '{printf "%.1f", $1/1048576}')
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" process "$work/$name.eml" >/dev/null 2>&1
  read -r secs kb < "$work/time"
  echo "| $name | $mib | $secs | $(awk -v k="$kb" -v m="$mib" 'BEGIN{printf "%.1f (%.2fx)", k/1024, k/1024/m}') |"
done
