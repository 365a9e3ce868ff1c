#!/usr/bin/env bash
# make bench: times the pipeline on a year of the sample practice at scale, cold and
# incremental, per stage, with peak memory, against the DuckDB peer on the same files, and
# checks that both give the same metrics.csv, pages.csv and campaigns.csv.
#
#   BENCH_SIZE=full  (default) a year at >= 10M web events, 200k referrals, 200k appointments
#   BENCH_SIZE=tenth a year at about 1M web events, for a quick look
#   BENCH_SIZE=two-years  two years at full's daily volume (21M web events): the history
#                    grown, for memory and nights as years accumulate (about twice as long)
#   BENCH_REPEATS=3  rounds; medians are quoted
#   BENCH_NIGHTS=3   nights of each kind per round (a night is a few seconds, so a passing
#                    stall on a shared machine moves its median more than a cold run's)
#   BENCH_DATA=DIR   where generated data is cached (default bench/data, ignored by git)
set -euo pipefail
cd "$(dirname "$0")/.."

size=${BENCH_SIZE:-full}
repeats=${BENCH_REPEATS:-3}
nights_per_round=${BENCH_NIGHTS:-3}
days=365; first_day=2025-12-01
case "$size" in
  full) generator_scale=(--scale 45 --web-scale 440) ;;
  tenth) generator_scale=(--scale 4.5 --web-scale 44) ;;
  two-years) generator_scale=(--scale 45 --web-scale 440); days=730; first_day=2024-12-01 ;;
  *) echo "BENCH_SIZE must be full, tenth or two-years" >&2; exit 2 ;;
esac
root=$(realpath -m "${BENCH_DATA:-bench/data}/$size")
binary="$(swift build -c release --show-bin-path)/referral-funnel"
generated=$root/generated
history_days=$((days - 1))

if [ ! -f "$generated/.complete" ]; then
  echo "Generating $days days of the sample practice ($size) into $generated (once; cached)..."
  rm -rf "$generated"
  "$binary" sample --out "$generated" --seed 2026 --days "$days" --start "$first_day" "${generator_scale[@]}"
  touch "$generated/.complete"
fi

# Feeds seen by the pipeline: hard links to the generated files, so the incremental run can
# add the last day's files to a warehouse that already holds all the days before it.
feeds=$root/feeds
link_days() { # $1 = destination, $2 = how many days (from the first)
  rm -rf "$1"
  for feed in web intake scheduling; do
    mkdir -p "$1/$feed"
    find "$generated/$feed" -maxdepth 1 -type f | sort | head -n "$2" | while read -r file; do
      ln "$file" "$1/$feed/"
    done
  done
}
write_config() { # $1 = config path, $2 = feeds folder, $3 = warehouse
  cat > "$1" <<CONFIG
name: bench
timezone: America/Chicago
site_domains: [summitortho.example, www.summitortho.example]
sources: $PWD/pipelines/sources.yml
required_items: [insurance, demographics, clinical_notes, imaging, order]
warehouse: $3
output: $root/reports
allow_development_key: true
feeds:
  web: {files: $2/web/*.jsonl}
  intake: {files: $2/intake/*.csv}
  scheduling: {files: $2/scheduling/*.csv}
CONFIG
}
# metrics.csv, pages.csv and campaigns.csv of two folders, cell by cell.
compare_tables() { # $1, $2 = folders
  for table in metrics pages campaigns; do
    python3 bench/compare_metrics.py "$1/$table.csv" "$2/$table.csv"
  done
}
median() { sort -n | awk '{ values[NR] = $1 } END { if (NR % 2) print values[(NR + 1) / 2]; else print (values[NR / 2] + values[NR / 2 + 1]) / 2 }'; }
# Runs the pipeline under GNU time; prints "wall_seconds peak_kb" and keeps the verbose log.
timed_run() { # $1 = config, $2 = log
  /usr/bin/time -f "%e %M" -o "$2.time" "$binary" run "$1" --verbose 2> "$2" > /dev/null
  cat "$2.time"
}
stage_seconds() { # $1 = log, $2 = pattern
  grep -E "$2" "$1" | sed -E 's/.* in ([0-9.]+) s.*/\1/' | awk '{ sum += $1 } END { printf "%.3f", sum }'
}

link_days "$feeds" "$days"
config=$root/bench.yml
write_config "$config" "$feeds" "$root/warehouse/bench.sqlite"
input_bytes=$(du -sbL "$feeds" | cut -f1)
web_events=$(cat "$feeds"/web/*.jsonl | wc -l)
snapshot_rows=$(cat "$feeds"/intake/*.csv "$feeds"/scheduling/*.csv | wc -l)

# Two kinds of night, both adding the last day's files. The first after a cold load meets
# B-trees the load built; later nights meet a warehouse nights have been writing into. So
# nights are timed on a warehouse of 364 days loaded cold, and on one of 363 days loaded cold
# plus the 364th loaded as a night. Both are loaded once, untimed, before the timed rounds.
history=$root/history
load_history() { # $1 = warehouse folder, $2 = days loaded cold, then, if given, $3 = days after one night
  rm -rf "$1"
  link_days "$history" "$2"
  write_config "$root/history.yml" "$history" "$1/bench.sqlite"
  "$binary" run "$root/history.yml" --quiet 2> /dev/null || true
  if [ -n "${3:-}" ]; then
    link_days "$history" "$3"
    "$binary" run "$root/history.yml" --quiet 2> /dev/null || true
  fi
}
night() { # $1 = warehouse to start from, $2 = log name
  rm -rf "$root/warehouse-incremental" && cp -r "$1" "$root/warehouse-incremental"
  # The copy leaves the whole warehouse as dirty pages; flushed here, not by the timed run's
  # first fsync (a real night starts from a warehouse already on disk).
  sync
  link_days "$history" $((history_days + 1))
  write_config "$root/incremental.yml" "$history" "$root/warehouse-incremental/bench.sqlite"
  timed_run "$root/incremental.yml" "$root/$2.log"
}
echo "Loading the histories the nights start from ($history_days days cold; $((history_days - 1)) days cold and a night), untimed..."
load_history "$root/warehouse-history" "$history_days"
load_history "$root/warehouse-after-a-night" $((history_days - 1)) "$history_days"

# Each round runs our cold run, the peer, and both nights, one after another, so that a
# machine whose speed drifts (seen here: the same run 25% slower an hour later) weighs alike
# on both sides of the peer ratio and of the nights' share of the cold run.
echo "$repeats rounds of: our cold run (empty warehouse to reports), the DuckDB peer (bench/duckdb_peer.py), and the last day's files arriving at each history:"
cold_times=(); cold_peaks=(); peer_times=()
first_night_times=(); later_night_times=(); night_peaks=()
for run in $(seq "$repeats"); do
  rm -rf "$root/warehouse" "$root/reports"
  read -r seconds peak < <(timed_run "$config" "$root/cold-$run.log")
  echo "  round $run, ours cold:           ${seconds} s, peak ${peak} KB"
  cold_times+=("$seconds"); cold_peaks+=("$peak")
  mkdir -p "$root/ours" "$root/peer"
  cp "$root/reports/"{metrics,pages,campaigns}.csv "$root/ours/"
  /usr/bin/time -f "%e %M" -o "$root/peer.time" python3 bench/duckdb_peer.py "$config" --out "$root/peer/metrics.csv" > /dev/null
  read -r seconds peak < "$root/peer.time"
  echo "  round $run, peer:                ${seconds} s, peak ${peak} KB"
  peer_times+=("$seconds")
  # Each night saw the same days as the cold run: its metrics must be the cold run's.
  for night_run in $(seq "$nights_per_round"); do
    read -r seconds peak < <(night "$root/warehouse-history" "first-night-$run-$night_run")
    echo "  round $run, night after a cold load: ${seconds} s, peak ${peak} KB"
    first_night_times+=("$seconds"); night_peaks+=("$peak")
    compare_tables "$root/ours" "$root/reports"
    read -r seconds peak < <(night "$root/warehouse-after-a-night" "later-night-$run-$night_run")
    echo "  round $run, night after a night:     ${seconds} s, peak ${peak} KB"
    later_night_times+=("$seconds"); night_peaks+=("$peak")
    compare_tables "$root/ours" "$root/reports"
  done
done
link_days "$history" "$history_days"
log=$root/cold-1.log
ingest=$(stage_seconds "$log" "ingest finished")
# Per file: "read in X s, loaded in Y s". Reads run on every core at once, so their sum is
# CPU time spread over the cores; loads run one at a time on the writer thread.
read_cpu=$(grep -E "read in [0-9.]+ s, loaded" "$log" | sed -E 's/.*read in ([0-9.]+) s.*/\1/' | awk '{ sum += $1 } END { printf "%.3f", sum }')
load=$(grep -E "read in [0-9.]+ s, loaded" "$log" | sed -E 's/.*loaded in ([0-9.]+) s.*/\1/' | awk '{ sum += $1 } END { printf "%.3f", sum }')
web_merge=$(stage_seconds "$log" "merged web session parts")
commit=$(stage_seconds "$log" "committed the transform")
transform=$(stage_seconds "$log" "transform finished")
html=$(stage_seconds "$log" "wrote HTML")
xlsx=$(stage_seconds "$log" "wrote XLSX")
csv=$(stage_seconds "$log" "wrote metrics.csv")
cold_median=$(printf '%s\n' "${cold_times[@]}" | median)
cold_peak=$(printf '%s\n' "${cold_peaks[@]}" | sort -n | tail -1)
first_night_median=$(printf '%s\n' "${first_night_times[@]}" | median)
later_night_median=$(printf '%s\n' "${later_night_times[@]}" | median)
night_peak=$(printf '%s\n' "${night_peaks[@]}" | sort -n | tail -1)

peer_median=$(printf '%s\n' "${peer_times[@]}" | median)
compare_tables "$root/ours" "$root/peer"

mb=$(awk -v bytes="$input_bytes" 'BEGIN { printf "%.1f", bytes / 1e6 }')
echo
echo "Benchmark ($size): $web_events web events, $snapshot_rows snapshot rows, $mb MB of input; $(nproc) cores"
printf '%-28s %10s %12s %14s\n' stage seconds "MB/s" "rows/s"
rates() { # $1 = seconds
  printf '%12s %14s' "$(awk -v b="$input_bytes" -v s="$1" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s }')" \
    "$(awk -v r="$((web_events + snapshot_rows))" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", r / s }')"
}
printf '%-28s %10s %s\n' "ingest (wall)" "$ingest" "$(rates "$ingest")"
printf '%-28s %10s %s\n' "  read+parse (CPU, $(nproc) cores)" "$read_cpu" "$(rates "$read_cpu")"
printf '%-28s %10s %s\n' "  load (one writer)" "$load" "$(rates "$load")"
printf '%-28s %10s %s\n' "transform" "$transform" "$(rates "$transform")"
printf '%-28s %10s\n' "  of which web sessions" "$web_merge" "  of which the commit" "$commit" "metrics.csv" "$csv" "HTML" "$html" "XLSX" "$xlsx"
echo "whole cold run:              $(rates "$cold_median") (median wall)"
echo "cold run, median of $repeats:        $cold_median s (peak resident memory $((cold_peak / 1024)) MB)"
percent_of_cold() { awk -v i="$1" -v c="$cold_median" 'BEGIN { printf "%.1f", 100 * i / c }'; }
nights=$((repeats * nights_per_round))
echo "night after a cold load, median of $nights: $first_night_median s ($(percent_of_cold "$first_night_median")% of cold)"
echo "night after a night, median of $nights:     $later_night_median s ($(percent_of_cold "$later_night_median")% of cold; nights' peak resident memory $((night_peak / 1024)) MB)"
echo "DuckDB peer, median of $repeats:     $peer_median s"
echo "ours / peer (cold):                  $(awk -v o="$cold_median" -v p="$peer_median" 'BEGIN { printf "%.2f", o / p }')"

# Memory as the inputs grow (issue 8 compares 1x and 10x): each size keeps its last cold
# peak, and a run prints its own beside the other sizes'.
echo "$web_events $((cold_peak / 1024)) $(date +%F)" > "$root/last-cold-peak"
for other in tenth full two-years; do
  other_file=$(realpath -m "${BENCH_DATA:-bench/data}/$other")/last-cold-peak
  if [ "$other" != "$size" ] && [ -f "$other_file" ]; then
    read -r other_events other_peak other_date < "$other_file"
    echo "cold peak against $other ($other_date): $((cold_peak / 1024)) MB for $web_events web events, $other_peak MB for $other_events ($(awk -v a="$cold_peak" -v b="$other_peak" 'BEGIN { printf "%.2f", a / 1024 / b }') times)"
  fi
done
