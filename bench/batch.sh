#!/usr/bin/env bash
# Batch throughput only: N files of 10 KB into a fresh SQLite file and a fresh PostgreSQL database (its own
# throwaway server, default settings: fsync on). Prints messages/s, CPU per message (user + sys) and peak RSS
# for each size in --n (a fresh database each); asserts nothing. With --floor-ef, the same files go first through
# bench/floor-ef's `batch` (the leanest batch this stack allows: parse, two look-ups, one SaveChanges per group).
#   bench/batch.sh [--n "100 5000 100000"] [--batch-size 100] [--tm "dotnet src/TicketMail.Cli/bin/Release/net10.0/ticketmail.dll"]
#                  [--floor-ef DIR/floor-ef]
set -euo pipefail
n="100 5000 100000"; size=100; floor=""; tm="dotnet $(pwd)/src/TicketMail.Cli/bin/Release/net10.0/ticketmail.dll"
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;; --batch-size) size="$2"; shift 2 ;; --tm) tm="$2"; shift 2 ;; --floor-ef) floor="$2"; shift 2 ;;
    *) echo "usage: $0 [--n N] [--batch-size N] [--tm CMD] [--floor-ef PATH]" >&2; exit 64 ;;
  esac
done
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }; }
work=$(mktemp -d /tmp/ticketmail-batch.XXXXXX); chmod 755 "$work"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); pgdata="$work/pg"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { [ -f "$pgdata/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$pgdata"; [ "$(id -u)" = 0 ] && chown postgres "$pgdata" "$work"
as_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
body=$(head -c 7500 /dev/urandom | base64 -w 76)
max=$(printf '%s\n' $n | sort -n | tail -1)
mkdir -p "$work/all"
for i in $(seq 1 "$max"); do
  printf 'From: Customer <c%s@customer.example>\r\nTo: support@example.com\r\nSubject: Printer on fire %s\r\nMessage-ID: <b%s@bench.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' "$i" "$i" "$i" "$body" > "$work/all/b-$i.eml"
done
export TICKETMAIL_MAX_TICKETS_PER_HOUR=1000000 TICKETMAIL_SPOOL="$work/spool"
unset TICKETMAIL_LOG TICKETMAIL_ENV_FILE
for count in $n; do
  # The first COUNT files, as hard links in a folder of their own.
  rm -rf "$work/in"; mkdir -p "$work/in"
  for i in $(seq 1 "$count"); do ln "$work/all/b-$i.eml" "$work/in/b-$i.eml"; done
  as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres "tm$count"
  for provider in sqlite postgres; do
    if [ "$provider" = sqlite ]; then db="$work/tm$count.db"; else db="Host=127.0.0.1;Port=$port;Username=postgres;Database=tm$count"; fi
    if [ -n "$floor" ]; then
      if [ "$provider" = sqlite ]; then fdb="$work/floor$count.db"; else as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres "floor$count"; fdb="${db%tm$count}floor$count"; fi
      TICKETMAIL_DB="$fdb" $floor db migrate >/dev/null
      t0=$(date +%s%N)
      TICKETMAIL_DB="$fdb" /usr/bin/time -f '%M %U %S' -o "$work/rss" $floor batch --batch-size "$size" "$work/in" > "$work/out" 2> "$work/err" || true
      t1=$(date +%s%N)
      read -r rss user sys < <(tail -1 "$work/rss")
      awk -v p="$provider" -v n="$count" -v ns="$((t1 - t0))" -v c="$(grep -c '^created' "$work/out" || true)" -v rss="$rss" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" \
        'BEGIN {printf "%-8s %6d files in %6.2f s: %5.0f msg/s, CPU %.3f ms/msg (%d created), peak %.1f MiB  [EF floor batch]\n", p, n, ns / 1e9, n / (ns / 1e9), cpu * 1000 / n, c, rss / 1024}'
      rm -f "$work/floor$count.db"*
    fi
    $tm db migrate --db "$db" >/dev/null
    t0=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$work/rss" $tm process --batch-size "$size" --db "$db" "$work/in" > "$work/out" 2> "$work/err" || true
    t1=$(date +%s%N)
    created=$(grep -c '^created' "$work/out" || true)
    read -r rss user sys < <(tail -1 "$work/rss")
    awk -v p="$provider" -v n="$count" -v ns="$((t1 - t0))" -v c="$created" -v rss="$rss" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" \
      'BEGIN {printf "%-8s %6d files in %6.2f s: %5.0f msg/s, CPU %.3f ms/msg (%d created), peak %.1f MiB\n", p, n, ns / 1e9, n / (ns / 1e9), cpu * 1000 / n, c, rss / 1024}'
    tail -1 "$work/err"
    # A server that has just taken COUNT rows is still vacuuming and analysing them on the same cores (autovacuum
    # starts within a minute): let it finish what it would do anyway, so that list/show time the queries, not that.
    if [ "$provider" = postgres ]; then
      as_pg "$pgbin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d "tm$count" -c 'VACUUM ANALYZE' >/dev/null
    fi
    # tickets list / tickets show on a database of COUNT tickets: median wall ms of 5
    uuid=$(grep -m1 -o '[0-9a-f]\{8\}-[0-9a-f-]\{27\}' "$work/out" || true)
    for cmd in list show; do
      for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        if [ "$cmd" = list ]; then $tm tickets list --db "$db" > /dev/null; else $tm tickets show "$uuid" --db "$db" > /dev/null; fi
        t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 ))
      done | sort -n | awk -v c="$cmd" -v n="$count" -v p="$provider" 'NR == 3 {printf "%-8s tickets %s with %d tickets: %.1f ms (median of 5)\n", p, c, n, $1 / 1000}'
    done
    rm -f "$work/tm$count.db"*
  done
done
echo "command: bench/batch.sh --n \"$n\" --batch-size $size --tm \"$tm\"${floor:+ --floor-ef $floor}   (each: ticketmail process --batch-size $size --db DB FOLDER)"
