#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each one in turn, one process at a time.
#
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 300; TARGET is csv, jsonl, timestamp or config (default: all).
# New inputs that reach new code go to .build/fuzz-corpus/TARGET (not committed); a crash
# or broken property leaves its input in .build/fuzz-artifacts/ and makes the script fail.
# Logs with the final statistics (executions per second, coverage) are in .build/fuzz-logs/.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-300}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(csv jsonl timestamp config); fi

# -sanitize=fuzzer adds coverage instrumentation and links libFuzzer; lld because gold
# crashes (an internal error in its DWARF reader) linking these binaries.
build_flags=(-c release --scratch-path .build -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
swift build "${build_flags[@]}"
bin=$(swift build "${build_flags[@]}" --show-bin-path)

mkdir -p .build/fuzz-artifacts .build/fuzz-logs
failed=()
for target in "${targets[@]}"; do
    case "$target" in
        csv) executable=FuzzCSVReader ;;
        jsonl) executable=FuzzJSONLinesReader ;;
        timestamp) executable=FuzzTimestampParser ;;
        config) executable=FuzzPipelineConfig ;;
        *) echo "unknown fuzz target '$target' (csv, jsonl, timestamp, config)" >&2; exit 2 ;;
    esac
    mkdir -p ".build/fuzz-corpus/$target"
    echo "== $executable for ${seconds}s"
    # Swift's own crash backtracer would hold a crashing input for half a minute; libFuzzer
    # and AddressSanitizer already report the crash and save the input.
    if ! SWIFT_BACKTRACE=enable=no "$bin/$executable" \
        -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix=".build/fuzz-artifacts/$target-" \
        ".build/fuzz-corpus/$target" "corpus/$target" 2>&1 | tee ".build/fuzz-logs/$target.log"; then
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]} (inputs in Fuzz/.build/fuzz-artifacts/)" >&2
    exit 1
fi
