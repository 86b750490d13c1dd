#!/usr/bin/env bash
# Fuzzes the case reader with libFuzzer and AddressSanitizer.
#
#   Tools/fuzz/run.sh SECONDS [FLAG...]  fuzz for SECONDS (default 60); any
#                                        further libFuzzer flags override
#                                        the defaults below (-max_len=65536)
#   Tools/fuzz/run.sh --replay FILE...   run the given inputs once (a crash
#                                        found earlier, a corpus entry)
#   Tools/fuzz/run.sh --tables SECONDS   fuzz the plan, options and demand
#                                        readers instead (FuzzTables.swift;
#                                        seeds in Tools/fuzz/tables-corpus,
#                                        corpus in fuzz-artifacts/tables);
#                                        each mode's corpus grows in
#                                        fuzz-artifacts/<mode>
#   Tools/fuzz/run.sh --gias SECONDS     the GIAS extract reader (FuzzGIAS.swift;
#                                        seeds in Tools/fuzz/gias-corpus)
#   Tools/fuzz/run.sh --postcodes SECONDS  the postcode-directory reader
#                                        (FuzzPostcodes.swift; seeds in
#                                        Tools/fuzz/postcodes-corpus)
#   Tools/fuzz/run.sh --parity [DIR...]  check that reading each input from
#                                        memory and from a folder on disk
#                                        gives the same case or problems
#                                        (default: both corpus folders)
#
# The fuzzer is not a SwiftPM target (LLVMFuzzerTestOneInput without main
# would break `swift build`): this compiles the reader's sources, Model and
# Input, which need no GLPK, with FuzzCase.swift into one binary in
# .build-fuzz/. The corpus grows in fuzz-artifacts/corpus (git-ignored),
# seeded read-only from Tools/fuzz/corpus (see make-seeds.sh); crashes,
# timeouts (> 1 s per input) and out-of-memory inputs land in
# fuzz-artifacts/, and each run's log in fuzz-artifacts/logs/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

# Crashes are libFuzzer's and ASan's to report, not Swift's backtracer's.
export SWIFT_BACKTRACE=enable=no

build=.build-fuzz
binary=$build/fuzz-case-reader
artifacts=fuzz-artifacts
mkdir -p "$build" "$artifacts/corpus" "$artifacts/logs"
harness=Tools/fuzz/FuzzCase.swift
corpus=$artifacts/corpus
seeds=Tools/fuzz/corpus
extra_sources=()
# Each alternative harness: its binary, entry file, corpus, seeds,
# dictionary and the sources beyond the case reader's that it needs.
dict=Tools/fuzz/case.dict
case ${1:-} in
  --tables)
    shift
    binary=$build/fuzz-tables
    harness=Tools/fuzz/FuzzTables.swift
    corpus=$artifacts/tables
    seeds=Tools/fuzz/tables-corpus
    extra_sources=(Sources/Placewise/Plans/Plan.swift Sources/Placewise/Plans/PlanReader.swift Sources/Placewise/Forecast/Demand.swift)
    ;;
  --gias)
    shift
    binary=$build/fuzz-gias
    harness=Tools/fuzz/FuzzGIAS.swift
    corpus=$artifacts/gias
    seeds=Tools/fuzz/gias-corpus
    dict=Tools/fuzz/gias.dict
    extra_sources=(Sources/Placewise/Import/*.swift)
    ;;
  --postcodes)
    shift
    binary=$build/fuzz-postcodes
    harness=Tools/fuzz/FuzzPostcodes.swift
    corpus=$artifacts/postcodes
    seeds=Tools/fuzz/postcodes-corpus
    dict=Tools/fuzz/postcodes.dict
    ;;
esac
mkdir -p "$corpus"

# The Placewise module's own settings (Package.swift): Swift 6, package access,
# the upcoming features. Asserts stay on (-assert-config Debug) so the
# reader's invariant checks run under the fuzzer too.
reader_sources=(Sources/Placewise/Model/*.swift Sources/Placewise/Input/*/*.swift)
sources=("${reader_sources[@]}" "${extra_sources[@]}" "$harness")
flags=(
  -sanitize=fuzzer,address -parse-as-library -O -g -wmo -assert-config Debug
  -module-name Placewise -package-name placewise -swift-version 6
  -enable-upcoming-feature InternalImportsByDefault
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature ExistentialAny
)
# The readers look postcodes up through Geodesy (PROJ): built first as a
# module of its own, as SwiftPM builds it, and linked in.
geodesy=$build/geodesy
geodesy_sources=(Sources/Geodesy/*.swift)
newest=$(ls -t "${geodesy_sources[@]}" Tools/fuzz/run.sh | head -n 1)
if [[ ! -f $geodesy/libGeodesy.a || $newest -nt $geodesy/libGeodesy.a ]]; then
  mkdir -p "$geodesy"
  swiftc -sanitize=address -parse-as-library -O -g -wmo -module-name Geodesy -package-name placewise -swift-version 6 \
    -enable-upcoming-feature InternalImportsByDefault -I Sources/CPROJ -emit-module \
    -emit-module-path "$geodesy/Geodesy.swiftmodule" -emit-library -static -o "$geodesy/libGeodesy.a" \
    "${geodesy_sources[@]}"
fi
flags+=(-I "$geodesy" -I Sources/CPROJ -L "$geodesy" -lGeodesy -lproj)
# The travel reader splits its work with ParallelWork's parallelMap: that
# module too, built on its own and linked in.
parallel=$build/parallel-work
parallel_sources=(Sources/ParallelWork/*.swift)
newest=$(ls -t "${parallel_sources[@]}" Tools/fuzz/run.sh | head -n 1)
if [[ ! -f $parallel/libParallelWork.a || $newest -nt $parallel/libParallelWork.a ]]; then
  mkdir -p "$parallel"
  swiftc -sanitize=address -parse-as-library -O -g -wmo -module-name ParallelWork -package-name placewise \
    -swift-version 6 -enable-upcoming-feature InternalImportsByDefault -emit-module \
    -emit-module-path "$parallel/ParallelWork.swiftmodule" -emit-library -static -o "$parallel/libParallelWork.a" \
    "${parallel_sources[@]}"
fi
flags+=(-I "$parallel" -L "$parallel" -lParallelWork -lswiftSynchronization)

newest=$(ls -t "${sources[@]}" Tools/fuzz/run.sh | head -n 1)
if [[ ! -x $binary || $newest -nt $binary ]]; then
  echo "building $binary" >&2
  # ld.gold warns about every local ASan symbol it cannot export: noise.
  swiftc "${flags[@]}" "${sources[@]}" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
fi

if [[ ${1:-} == --parity ]]; then
  shift
  parity=$build/parity
  parity_sources=("${reader_sources[@]}" Tools/fuzz/FuzzCase.swift Tools/fuzz/Parity.swift)
  newest=$(ls -t "${parity_sources[@]}" | head -n 1)
  if [[ ! -x $parity || $newest -nt $parity ]]; then
    echo "building $parity" >&2
    swiftc "${flags[@]/-sanitize=fuzzer,address/-sanitize=address}" "${parity_sources[@]}" -o "$parity" \
      2> >(grep -v "Cannot export local symbol" >&2)
  fi
  (($#)) || set -- "$artifacts/corpus" Tools/fuzz/corpus
  # FileManager.contents(atPath:) leaks 4 KB per empty file on Linux
  # (swift-foundation's readDataFromFile drops the buffer when nothing was
  # read): not ours, and not what this checks.
  status=0
  find "$@" -type f -print0 | ASAN_OPTIONS=detect_leaks=0 xargs -0 "$parity" >"$build/parity.log" 2>&1 || status=$?
  grep -A 6 -E "^DIFFERENT|ERROR" "$build/parity.log" | head -n 60 || true
  awk '/^parity:/ { checked += $2; different += $5; accepted += $7 }
    END { print "parity: " checked " inputs checked, " different " different, " accepted " accepted as cases" }' \
    "$build/parity.log"
  exit "$status"
fi

options=(
  -timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=512 -max_len=8192
  -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1
)

if [[ ${1:-} == --replay ]]; then
  shift
  exec "$binary" "${options[@]}" "$@"
fi

seconds=${1:-60}
(($#)) && shift
[[ -d $seeds && -n $(ls "$seeds") ]] || Tools/fuzz/make-seeds.sh
log="$artifacts/logs/run-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "fuzzing for ${seconds}s; log in $log" >&2
status=0
"$binary" "${options[@]}" -max_total_time="$seconds" "$@" "$corpus" "$seeds" >"$log" 2>&1 || status=$?

grep -E "^stat::|^Done|^SUMMARY|^==[0-9]+==ERROR|deadly signal|Test unit written" "$log" >&2 || true
echo "corpus: $(ls "$corpus" | wc -l) inputs in $corpus" >&2
exit "$status"
