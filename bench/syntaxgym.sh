#!/usr/bin/env bash
# syntaxgym-2020 wall time on a random-weight model of GPT-2's real shape (no download), and the
# equality of two builds on the hf-tiny fixtures. Writes bench/results/syntaxgym-*.txt.
#
#   bash bench/syntaxgym.sh [BEFORE_APP_DIR]
#
# BEFORE_APP_DIR is another build's web/target/quarkus-app (copied aside before a change). With it, each
# step runs that build first and this one right after, so that the two times share the machine's load,
# and the fixtures' scores of the two builds are compared: the same accuracy per suite, and the largest
# per-region difference in bits (bench/compare-syntaxgym.sh); the GPT-2-shaped run is compared the same
# way. FIXTURES (default: gpt2-realtok-0 llama-0 gpt_neo-0) picks the fixtures; TIMING=0 skips the timed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LANGSCORE_SHARED:-../shared}"
work="bench/work"
results="bench/results"
mkdir -p "$work" "$results"
before="${1:-}"
tokenizer="$shared/fixtures/hf-tiny/gpt2-realtok-0/tokenizer.json"
if [[ ! -f "$work/gpt2-random/model.safetensors" ]]; then
  ./langscore random-model --like gpt2 --tokenizer "$tokenizer" --out "$work/gpt2-random" --seed 1
fi

# The command line of one build ("after" = this checkout's ./langscore, or a quarkus-app folder run as
# ./langscore runs its own), in the array cmd.
command_of() {
  if [[ "$1" == after ]]; then
    cmd=(./langscore)
  else
    cmd=(env OPT_OUT_TRACKING=true DJL_OFFLINE=true MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=262144
      MALLOC_TRIM_THRESHOLD_=4194304 java ${LANGSCORE_JAVA_OPTS:-} -Dai.djl.offline=true
      -Dai.djl.default_engine=PyTorch -jar "$1/quarkus-run.jar")
  fi
}

builds=(after)
if [[ -n "$before" ]]; then builds=("$before" after); fi

for build in "${builds[@]}"; do
  [[ "${TIMING:-1}" == 0 ]] && break
  name=$([[ "$build" == after ]] && echo after || echo before)
  echo "== $name: score --model $work/gpt2-random --benchmark syntaxgym-2020 (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  command_of "$build"
  /usr/bin/time -f "wall_s=%e cpu_s=%U+%S max_rss_kb=%M" -o "$results/syntaxgym-$name.time" \
    "${cmd[@]}" score --model "$work/gpt2-random" --benchmark syntaxgym-2020 --data-dir "$shared/data" \
    --json "$work/syntaxgym-$name.json" > "$results/syntaxgym-$name.out" 2> "$work/syntaxgym-$name.err"
  echo "$name $(cat "$results/syntaxgym-$name.time") load_after=$(cut -d' ' -f1-3 /proc/loadavg)" \
    | tee "$results/syntaxgym-$name.txt"
done

if [[ -n "$before" && "${TIMING:-1}" != 0 ]]; then
  echo "gpt2-random: $(bash bench/compare-syntaxgym.sh "$work/syntaxgym-before.json" "$work/syntaxgym-after.json")" \
    | tee "$results/syntaxgym-gpt2-random.txt"
fi
if [[ -n "$before" ]]; then
  for fixture in ${FIXTURES:-gpt2-realtok-0 llama-0 gpt_neo-0}; do
    for build in "$before" after; do
      name=$([[ "$build" == after ]] && echo after || echo before)
      command_of "$build"
      "${cmd[@]}" score --model "$shared/fixtures/hf-tiny/$fixture" --benchmark syntaxgym-2020 \
        --data-dir "$shared/data" --json "$work/syntaxgym-$fixture-$name.json" > /dev/null 2> "$work/syntaxgym-$fixture-$name.err"
    done
    echo "$fixture: $(bash bench/compare-syntaxgym.sh "$work/syntaxgym-$fixture-before.json" "$work/syntaxgym-$fixture-after.json")" \
      | tee "$results/syntaxgym-$fixture.txt"
  done
fi
