#!/usr/bin/env bash
# tickets search on 100,000 tickets (one message each, ~1 KB of text): fills a fresh SQLite file and a fresh
# PostgreSQL database (its own throwaway server) with SQL, after 'db migrate' created the schema with its
# full-text index (FTS5 triggers fill messages_fts; the GIN index follows on PostgreSQL), then times searches
# for a common word, a rare one, a unique one, and a common one filtered by queue and status. Prints wall
# times per search (median of --runs, the CLI's start-up included); asserts nothing.
#   bench/search.sh [--n 100000] [--runs 5] [--tm "dotnet src/TicketMail.Cli/bin/Release/net10.0/ticketmail.dll"]
set -euo pipefail
n=100000; runs=5; tm="dotnet $(pwd)/src/TicketMail.Cli/bin/Release/net10.0/ticketmail.dll"
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;; --tm) tm="$2"; shift 2 ;;
    *) echo "usage: $0 [--n N] [--runs N] [--tm CMD]" >&2; exit 64 ;;
  esac
done
command -v sqlite3 >/dev/null || { apt-get install -y -qq sqlite3 >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }; }
work=$(mktemp -d /tmp/ticketmail-search.XXXXXX); chmod 755 "$work"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); pgdata="$work/pg"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { [ -f "$pgdata/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$pgdata"; [ "$(id -u)" = 0 ] && chown postgres "$pgdata" "$work"
as_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres tm
export TICKETMAIL_SPOOL="$work/spool"
unset TICKETMAIL_LOG TICKETMAIL_ENV_FILE

# Every 7th subject says "printer" (common), every 1000th body "needle" (rare), each body "wNNN" (unique).
filler="the quick brown fox jumps over the lazy dog while the support team answers every question about invoices shipping and accounts"
body_sql() { echo "'Hello,' || char(10) || '$filler $filler $filler $filler $filler $filler' || char(10) || 'order w' || i || CASE WHEN i % 1000 = 0 THEN ' needle' ELSE '' END || char(10) || '$filler $filler'"; }
sqlite_db="$work/tm.db"
$tm db migrate --db "$sqlite_db" >/dev/null
t0=$(date +%s%N)
sqlite3 "$sqlite_db" <<SQL
BEGIN;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n)
INSERT INTO tickets (id, uuid, subject, status, requester_address, created_at, updated_at, last_message_at, queue)
SELECT i, printf('%08X-0000-4000-8000-%012X', i, i), 'Case ' || i || CASE WHEN i % 7 = 0 THEN ' printer jam' ELSE ' login' END,
       CASE WHEN i % 3 = 0 THEN 'closed' ELSE 'open' END, 'c' || i || '@customer.example',
       '2026-11-01 00:00:00', '2026-11-01 00:00:00', datetime('2026-01-01', '+' || (i / 100) || ' minutes'), CASE WHEN i % 2 = 0 THEN 'billing' ELSE 'support' END
FROM s;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n)
INSERT INTO messages (id, ticket_id, dedupe_key, from_address, to_list, cc_list, subject, date, received_at, text_body, reply_text, opened_ticket, rule, attachment_count, raw_size, raw_sha256)
SELECT i, i, 'mid:b' || i || '@bench.example', 'c' || i || '@customer.example', 'support@example.com', '',
       'Case ' || i || CASE WHEN i % 7 = 0 THEN ' printer jam' ELSE ' login' END, datetime('2026-01-01', '+' || (i / 100) || ' minutes'),
       '2026-11-01 00:00:00', $(body_sql), '', 1, 'new', 0, 1000, ''
FROM s;
COMMIT;
SQL
t1=$(date +%s%N)
awk -v ns="$((t1 - t0))" -v n="$n" 'BEGIN {printf "sqlite   filled %d tickets (FTS5 triggers on) in %.1f s\n", n, ns / 1e9}'

pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=tm"
$tm db migrate --db "$pg" >/dev/null
pg_body=$(body_sql | sed "s/char(10)/chr(10)/g")
t0=$(date +%s%N)
as_pg "$pgbin/psql" -q -h 127.0.0.1 -p "$port" -U postgres tm <<SQL
INSERT INTO tickets (id, uuid, subject, status, requester_address, created_at, updated_at, last_message_at, queue)
SELECT i, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'Case ' || i || CASE WHEN i % 7 = 0 THEN ' printer jam' ELSE ' login' END,
       CASE WHEN i % 3 = 0 THEN 'closed' ELSE 'open' END, 'c' || i || '@customer.example',
       '2026-11-01', '2026-11-01', timestamptz '2026-01-01' + (i / 100) * interval '1 minute', CASE WHEN i % 2 = 0 THEN 'billing' ELSE 'support' END
FROM generate_series(1, $n) AS s(i);
INSERT INTO messages (id, ticket_id, dedupe_key, from_address, to_list, cc_list, subject, date, received_at, text_body, reply_text, opened_ticket, rule, attachment_count, raw_size, raw_sha256)
SELECT i, i, 'mid:b' || i || '@bench.example', 'c' || i || '@customer.example', 'support@example.com', '',
       'Case ' || i || CASE WHEN i % 7 = 0 THEN ' printer jam' ELSE ' login' END, timestamptz '2026-01-01' + (i / 100) * interval '1 minute',
       '2026-11-01', $pg_body, '', true, 'new', 0, 1000, ''
FROM generate_series(1, $n) AS s(i);
SELECT setval(pg_get_serial_sequence('tickets', 'id'), $n); SELECT setval(pg_get_serial_sequence('messages', 'id'), $n);
ANALYZE;
SQL
t1=$(date +%s%N)
awk -v ns="$((t1 - t0))" -v n="$n" 'BEGIN {printf "postgres filled %d tickets (GIN index on) in %.1f s\n", n, ns / 1e9}'

# The start-up of one CLI process alone, to read the search times against.
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
time_it() { for _ in $(seq 1 "$runs"); do t0=$(date +%s%N); "$@" > "$work/out"; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); done | median; }
echo "ms per command, median of $runs ($tm)"
printf '%-9s %-40s %8s %6s\n' provider search ms hits
for provider in sqlite postgres; do
  if [ "$provider" = sqlite ]; then db="$sqlite_db"; else db="$pg"; fi
  printf '%-9s %-40s %8s %6s\n' "$provider" "(tickets list --limit 1: start-up)" "$(time_it $tm tickets list --limit 1 --db "$db")" "-"
  for args in "printer" "needle" "w54321" "printer --queue billing --status open" "printer --limit 200"; do
    # shellcheck disable=SC2086
    ms=$(time_it $tm tickets search $args --json --db "$db")
    hits=$(grep -o '"ticket"' "$work/out" | wc -l)
    printf '%-9s %-40s %8s %6s\n' "$provider" "$args" "$ms" "$hits"
  done
done
