#!/usr/bin/env bash
# Benchmark of issues 7 and 14: per-message wall time, CPU time and peak memory of the Native AOT
# `ticketmail process` on SQLite and PostgreSQL, next to two floors built and measured in the same run:
#   - the raw floor (bench/floor: MimeKit parse + one raw ADO.NET INSERT), the physical limit;
#   - the EF floor (bench/floor-ef: the product's stack at its leanest), the target of issue 14;
# batch throughput; a 40 MB message's peak memory. It prints figures, asserts nothing.
#
#   bench/run.sh                       build the three programs (Release, Native AOT) and measure
#   bench/run.sh --app DIR --floor DIR --floor-ef DIR   reuse published builds (DIR/ticketmail, DIR/floor, DIR/floor-ef)
#   options: --runs N (20; median of N), --batch N (5000 files), --keep (leave the work folder)
#
# Starts its own throwaway PostgreSQL from /usr/lib/postgresql/*/bin (as user postgres when run as root) and
# removes everything it made on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20; batch=5000; app=""; floor=""; flooref=""; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --app) app="$2"; shift 2 ;;
    --floor) floor="$2"; shift 2 ;;
    --floor-ef) flooref="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--runs N] [--batch N] [--app DIR] [--floor DIR] [--floor-ef DIR] [--keep]" >&2; exit 64 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (peak memory)"
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

work=$(mktemp -d /tmp/ticketmail-bench.XXXXXX)
chmod 755 "$work"
pgbin=""; pgdata=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$pgdata" ] && [ -f "$pgdata/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ "$keep" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

commands=()
note() { commands+=("$*"); }

# ---- build --------------------------------------------------------------------------------------------------
if [ -z "$app" ]; then
  echo "== publishing ticketmail (Native AOT; a few minutes on 2 cores)"
  note "dotnet publish src/TicketMail.Cli -c Release -o \$APP"
  dotnet publish src/TicketMail.Cli -c Release -o "$work/app" > "$work/publish-app.log" 2>&1 \
    || { tail -30 "$work/publish-app.log"; exit 1; }
  app="$work/app"
fi
if [ -z "$floor" ]; then
  echo "== publishing the floor program (Native AOT)"
  note "dotnet publish bench/floor -c Release -o \$FLOOR"
  dotnet publish bench/floor -c Release -o "$work/floor" > "$work/publish-floor.log" 2>&1 \
    || { tail -30 "$work/publish-floor.log"; exit 1; }
  floor="$work/floor"
fi
if [ -z "$flooref" ]; then
  echo "== publishing the EF floor program (Native AOT)"
  note "dotnet publish bench/floor-ef -c Release -o \$FLOOREF"
  dotnet publish bench/floor-ef -c Release -o "$work/floor-ef" > "$work/publish-floor-ef.log" 2>&1 \
    || { tail -30 "$work/publish-floor-ef.log"; exit 1; }
  flooref="$work/floor-ef"
fi
tm="$app/ticketmail"; fl="$floor/floor"; fe="$flooref/floor-ef"
file "$tm" | grep -q ELF || { echo "error: $tm is not a native binary" >&2; exit 1; }

# ---- PostgreSQL ---------------------------------------------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "error: no PostgreSQL under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
pgdata="$work/pg/data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --no-sync --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$work/pg/log" -w -t 60 \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
for db in tm tmbatch tmbig floor flooref; do as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"; done
pg() { echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$1"; }
echo "== PostgreSQL $(basename "$(dirname "$pgbin")") on port $port (default settings: fsync on)"

# ---- messages -----------------------------------------------------------------------------------------------
# A 10 KB plain-text message: headers plus ~9.5 KB of body lines.
body="$work/body.txt"
for i in $(seq 1 120); do printf 'Line %03d of the report: the printer on floor 3 shows error E-%04d again.\r\n' "$i" "$i"; done > "$body"
# msg FILE ID FROM [IN-REPLY-TO]
msg() {
  {
    printf 'From: Customer <%s>\r\nTo: support@example.com\r\nSubject: Printer on fire %s\r\n' "$3" "$2"
    printf 'Message-ID: <%s@bench.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n' "$2"
    [ -n "${4:-}" ] && printf 'In-Reply-To: <%s@bench.example>\r\nReferences: <%s@bench.example>\r\n' "$4" "$4"
    printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
    cat "$body"
  } > "$1"
}
mkdir -p "$work/m"
export TICKETMAIL_MAX_TICKETS_PER_HOUR=1000000 TICKETMAIL_SPOOL="$work/spool"
unset TICKETMAIL_LOG TICKETMAIL_ENV_FILE

# ---- measuring ----------------------------------------------------------------------------------------------
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) printf "%.1f", a[(NR+1)/2]; else printf "%.1f", (a[NR/2]+a[NR/2+1])/2}'; }
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }
# children_ms FILE: user + sys ms of this shell's finished children, from the output of bash's `times` in FILE
# (millisecond resolution; /usr/bin/time prints centiseconds, so its medians came in steps of 10 ms).
children_ms() { tail -1 "$1" | awk '{n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); n += p[1] * 60000 + p[2] * 1000 } printf "%.0f", n}'; }
# wall PREFIX CMD...: runs CMD < $work/m/PREFIX-i.eml for 3 warm-ups and $runs measured runs; prints the median
# wall ms, and writes the median CPU ms (user + sys of the process, from `times` before and after) to $work/cpu-PREFIX.
wall() {
  local prefix=$1; shift
  local times=() cpus=() i t0 t1
  for i in $(seq 1 $((runs + 3))); do
    t0=$(now_us); times > "$work/times0"
    "$@" < "$work/m/$prefix-$i.eml" > /dev/null 2>> "$work/stderr.log" || echo "$prefix-$i" >> "$work/failed"
    times > "$work/times1"; t1=$(now_us)
    [ "$i" -gt 3 ] && times+=("$(( t1 - t0 ))") && cpus+=("$(( $(children_ms "$work/times1") - $(children_ms "$work/times0") ))")
  done
  printf '%s\n' "${cpus[@]}" | median > "$work/cpu-$prefix"
  printf '%s\n' "${times[@]}" | awk '{printf "%.3f\n", $1/1000}' | median
}
# peak PREFIX CMD...: median peak RSS (MiB) of 5 runs on $work/m/PREFIX-i.eml
peak() {
  local prefix=$1; shift
  local i
  for i in $(seq 1 5); do
    /usr/bin/time -f %M -o "$work/rss" "$@" < "$work/m/$prefix-$i.eml" > /dev/null 2>> "$work/stderr.log" || echo "$prefix-$i" >> "$work/failed"
    tail -1 "$work/rss"
  done | awk '{printf "%.1f\n", $1/1024}' | median
}
# gen PREFIX N FROM-PATTERN [IN-REPLY-TO]: N messages with unique Message-IDs
gen() {
  local i
  for i in $(seq 1 "$2"); do msg "$work/m/$1-$i.eml" "$1-$i" "${3/\%/$i}" "${4:-}"; done
}

declare -A R
n=$((runs + 8))
for provider in sqlite postgres; do
  if [ "$provider" = sqlite ]; then db="$work/tm.db"; fdb="Data Source=$work/floor.db"; edb="$work/floor-ef.db"; else db=$(pg tm); fdb=$(pg floor); edb=$(pg flooref); fi
  echo "== $provider: per message (median of $runs after 3 warm-ups)"
  "$tm" db migrate --db "$db" > /dev/null
  "$fl" init "$provider" "$fdb" > /dev/null
  note "ticketmail db migrate --db DB; floor init $provider CONNECTION"

  gen "floor-$provider" "$n" 'sender%@customer.example'
  R[$provider,floor]=$(wall "floor-$provider" "$fl" "$provider" "$fdb")
  gen "floorpeak-$provider" 5 'sender%@customer.example'
  R[$provider,floorpeak]=$(peak "floorpeak-$provider" "$fl" "$provider" "$fdb")
  R[$provider,floorcpu]=$(cat "$work/cpu-floor-$provider")
  note "floor $provider CONNECTION < new-i.eml   (wall: bash \$EPOCHREALTIME around each run; CPU: bash's times before and after; peak: /usr/bin/time -f %M)"

  TICKETMAIL_DB="$edb" "$fe" db migrate > /dev/null
  gen "ef-$provider" "$n" 'sender%@customer.example'
  R[$provider,ef]=$(TICKETMAIL_DB="$edb" wall "ef-$provider" "$fe" process)
  R[$provider,efcpu]=$(cat "$work/cpu-ef-$provider")
  gen "efpeak-$provider" 5 'sender%@customer.example'
  R[$provider,efpeak]=$(TICKETMAIL_DB="$edb" peak "efpeak-$provider" "$fe" process)
  note "TICKETMAIL_DB=DB floor-ef db migrate; TICKETMAIL_DB=DB floor-ef process < new-i.eml"

  gen "new-$provider" "$n" 'sender%@customer.example'
  R[$provider,new]=$(wall "new-$provider" "$tm" process --db "$db")
  R[$provider,newcpu]=$(cat "$work/cpu-new-$provider")
  gen "newpeak-$provider" 5 'sender%@customer.example'
  R[$provider,newpeak]=$(peak "newpeak-$provider" "$tm" process --db "$db")
  note "ticketmail process --db DB < new-i.eml"

  msg "$work/m/seed-$provider.eml" "seed-$provider" 'ann@customer.example'
  "$tm" process --db "$db" < "$work/m/seed-$provider.eml" > /dev/null 2>> "$work/stderr.log"
  gen "reply-$provider" "$n" 'ann@customer.example' "seed-$provider"
  R[$provider,reply]=$(wall "reply-$provider" "$tm" process --db "$db")
  R[$provider,replycpu]=$(cat "$work/cpu-reply-$provider")
  gen "replypeak-$provider" 5 'ann@customer.example' "seed-$provider"
  R[$provider,replypeak]=$(peak "replypeak-$provider" "$tm" process --db "$db")
  "$tm" process --json --db "$db" < "$work/m/reply-$provider-1.eml" 2>> "$work/stderr.log" | grep -q '"action":"duplicate"' \
    || echo "warning: a reply sent twice was not reported as a duplicate" >&2
  note "ticketmail process --db DB < reply-i.eml   (In-Reply-To: the seed ticket's first message)"
  echo "   floor ${R[$provider,floor]} ms, EF floor ${R[$provider,ef]} ms, new ${R[$provider,new]} ms, reply ${R[$provider,reply]} ms"
done

echo "== batch: $batch files of 10 KB in one process (many FILE arguments)"
mkdir -p "$work/batch"
for i in $(seq 1 "$batch"); do msg "$work/batch/b-$i.eml" "batch-$i" "sender$i@customer.example"; done
for provider in sqlite postgres; do
  if [ "$provider" = sqlite ]; then db="$work/batch.db"; else db=$(pg tmbatch); fi
  "$tm" db migrate --db "$db" > /dev/null
  t0=$(now_us)
  /usr/bin/time -f %M -o "$work/rss" "$tm" process --db "$db" "$work"/batch/b-*.eml > "$work/batch-$provider.out" 2>> "$work/stderr.log" || true
  t1=$(now_us)
  created=$(grep -c '^created' "$work/batch-$provider.out" || true)
  R[$provider,batch]=$(awk -v n="$batch" -v us="$((t1 - t0))" 'BEGIN {printf "%.0f", n / (us / 1e6)}')
  R[$provider,batchpeak]=$(awk '{printf "%.1f", $1/1024}' "$work/rss")
  echo "   $provider: ${R[$provider,batch]} msg/s ($created created), peak ${R[$provider,batchpeak]} MiB"
done
note "ticketmail process --db DB batch/b-1.eml ... batch/b-$batch.eml"

echo "== one 40 MB message (a base64 attachment)"
big="$work/m/big.eml"
{
  printf 'From: Customer <big@customer.example>\r\nTo: support@example.com\r\nSubject: Big scan\r\n'
  printf 'Message-ID: <big@bench.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n'
  printf 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee the scan.\r\n'
  printf -- '--b\r\nContent-Type: application/octet-stream; name="scan.bin"\r\nContent-Transfer-Encoding: base64\r\n'
  printf 'Content-Disposition: attachment; filename="scan.bin"\r\n\r\n'
  head -c 31040000 /dev/urandom | base64 -w 76 | sed 's/$/\r/'
  printf -- '--b--\r\n'
} > "$big"
bigmib=$(stat -c %s "$big" | awk '{printf "%.1f", $1/1048576}')
for provider in sqlite postgres; do
  if [ "$provider" = sqlite ]; then db="$work/big.db"; else db=$(pg tmbig); fi
  "$tm" db migrate --db "$db" > /dev/null
  TICKETMAIL_MAX_MESSAGE_BYTES=104857600 TICKETMAIL_MAX_ATTACHMENT_BYTES=104857600 \
    /usr/bin/time -f %M -o "$work/rss" "$tm" process --db "$db" < "$big" > "$work/big-$provider.out" 2>> "$work/stderr.log" || true
  R[$provider,big]=$(awk '{printf "%.1f", $1/1024}' "$work/rss")
  echo "   $provider: $(cat "$work/big-$provider.out"); peak ${R[$provider,big]} MiB"
done
note "TICKETMAIL_MAX_MESSAGE_BYTES=104857600 TICKETMAIL_MAX_ATTACHMENT_BYTES=104857600 ticketmail process --db DB < big.eml"

# ---- report -------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "## Results ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$tm" --version 2>/dev/null | head -1))"
echo
echo "| measure | SQLite | PostgreSQL | target |"
echo "|---|---|---|---|"
both() { echo "$1 ($(ratio "$1" "$2")× EF floor, $(ratio "$1" "$3")× raw floor)"; }
echo "| raw floor (MimeKit + raw INSERT, AOT), ms/message | ${R[sqlite,floor]} | ${R[postgres,floor]} | (physical limit) |"
echo "| EF floor (bench/floor-ef), ms/message | ${R[sqlite,ef]} | ${R[postgres,ef]} | |"
echo "| new ticket, ms/message | $(both "${R[sqlite,new]}" "${R[sqlite,ef]}" "${R[sqlite,floor]}") | $(both "${R[postgres,new]}" "${R[postgres,ef]}" "${R[postgres,floor]}") | ≤ 1.25× EF floor |"
echo "| reply, ms/message | $(both "${R[sqlite,reply]}" "${R[sqlite,ef]}" "${R[sqlite,floor]}") | $(both "${R[postgres,reply]}" "${R[postgres,ef]}" "${R[postgres,floor]}") | ≤ 1.25× EF floor |"
echo "| CPU (user+sys), ms: raw floor / EF floor | ${R[sqlite,floorcpu]} / ${R[sqlite,efcpu]} | ${R[postgres,floorcpu]} / ${R[postgres,efcpu]} | |"
echo "| CPU, new ticket, ms (× EF floor) | ${R[sqlite,newcpu]} ($(ratio "${R[sqlite,newcpu]}" "${R[sqlite,efcpu]}")×) | ${R[postgres,newcpu]} ($(ratio "${R[postgres,newcpu]}" "${R[postgres,efcpu]}")×) | ≤ 1.3× |"
echo "| CPU, reply, ms (× EF floor) | ${R[sqlite,replycpu]} ($(ratio "${R[sqlite,replycpu]}" "${R[sqlite,efcpu]}")×) | ${R[postgres,replycpu]} ($(ratio "${R[postgres,replycpu]}" "${R[postgres,efcpu]}")×) | ≤ 1.3× |"
echo "| peak memory, MiB: raw floor / EF floor | ${R[sqlite,floorpeak]} / ${R[sqlite,efpeak]} | ${R[postgres,floorpeak]} / ${R[postgres,efpeak]} | |"
echo "| peak memory, 10 KB new ticket, MiB (− EF floor) | ${R[sqlite,newpeak]} ($(awk -v a="${R[sqlite,newpeak]}" -v b="${R[sqlite,efpeak]}" 'BEGIN {printf "%+.1f", a - b}')) | ${R[postgres,newpeak]} ($(awk -v a="${R[postgres,newpeak]}" -v b="${R[postgres,efpeak]}" 'BEGIN {printf "%+.1f", a - b}')) | ≤ EF floor + 8 |"
echo "| peak memory, 10 KB reply, MiB (− EF floor) | ${R[sqlite,replypeak]} ($(awk -v a="${R[sqlite,replypeak]}" -v b="${R[sqlite,efpeak]}" 'BEGIN {printf "%+.1f", a - b}')) | ${R[postgres,replypeak]} ($(awk -v a="${R[postgres,replypeak]}" -v b="${R[postgres,efpeak]}" 'BEGIN {printf "%+.1f", a - b}')) | ≤ EF floor + 8 |"
echo "| batch of $batch × 10 KB, messages/s | ${R[sqlite,batch]} | ${R[postgres,batch]} | ≥ 3,000 / ≥ 1,500 |"
echo "| batch peak memory, MiB | ${R[sqlite,batchpeak]} | ${R[postgres,batchpeak]} | |"
echo "| peak memory, one $bigmib MiB message, MiB (× size) | ${R[sqlite,big]} ($(ratio "${R[sqlite,big]}" "$bigmib")×) | ${R[postgres,big]} ($(ratio "${R[postgres,big]}" "$bigmib")×) | < 3× |"
if [ -s "$work/failed" ]; then
  echo
  echo "WARNING: $(wc -l < "$work/failed") measured runs failed (first: $(head -1 "$work/failed")); their stderr:"
  grep -v '^\[' "$work/stderr.log" | sort | uniq -c | sort -rn | head -5
fi
echo
echo "Commands (APP, FLOOR and FLOOREF are the publish folders; DB is a SQLite file or a PostgreSQL connection string):"
printf '  %s\n' "${commands[@]}" | awk '!seen[$0]++'
