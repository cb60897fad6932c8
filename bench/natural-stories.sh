#!/usr/bin/env bash
# Speed and peak memory of the context policies on the 10 Natural Stories as one text, with a
# random-weight model of GPT-2's real shape (no download). Writes bench/results/*.txt.
#
#   bash bench/natural-stories.sh [config ...]
#
# Configs: chunked-strided chunked-sliding tokens-strided tokens-sliding truncate (default: all), and
# chunked-strided-bf16 / chunked-sliding-bf16 (the same with -o dtype=bfloat16).
# Every run reports its matrix work (-Dlangscore.report-work=true); at the end `langscore gemm-floor`
# times this machine's float32 and bfloat16 GEMM on each model's matrix shapes in the same session and
# each run's rate is printed as a fraction of that floor (bench/results/<config>.txt).
# Token-by-token and truncate runs score a prefix of the corpus (PREFIX_WORDS, default 1000 words)
# and are extrapolated to the whole corpus; the report says so.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LANGSCORE_SHARED:-../shared}"
work="bench/work"
results="bench/results"
mkdir -p "$work" "$results"
prefix_words="${PREFIX_WORDS:-1000}"

# One word per line, all stories in order, no blank line: one text of 10,256 words.
tail -n +2 "$shared/data/naturalstories/all_stories.tok" | cut -f1 > "$work/all-stories.txt"
head -n "$prefix_words" "$work/all-stories.txt" > "$work/prefix.txt"
head -n "${TRUNCATE_WORDS:-150}" "$work/all-stories.txt" > "$work/truncate-prefix.txt"

# GPT-2 has learned absolute positions (1024 rows), so the sliding policy, which keeps every token at
# its true position, needs a rotary model: Pythia-160M has GPT-2's width and depth with rotary
# positions. Both use the real GPT-2 tokenizer (12,370 tokens for the corpus).
tokenizer="$shared/fixtures/hf-tiny/gpt2-realtok-0/tokenizer.json"
for like in gpt2 pythia-160m; do
  if [[ ! -f "$work/$like-random/model.safetensors" ]]; then
    ./langscore random-model --like "$like" --tokenizer "$tokenizer" --out "$work/$like-random" --seed 1 \
      $([[ $like == pythia-160m ]] && echo "--set max_position_embeddings=1024")
  fi
done

run() {
  local name="$1" input="$2"; shift 2
  local model="$work/gpt2-random"
  if [[ "$*" == *sliding* ]]; then model="$work/pythia-160m-random"; fi
  echo "== $name: langscore surprisal --model $model --input $input $*"
  LANGSCORE_JAVA_OPTS="${LANGSCORE_JAVA_OPTS:-} -Dlangscore.report-work=true" \
    /usr/bin/time -f "wall_s=%e max_rss_kb=%M" -o "$results/$name.time" \
    ./langscore surprisal --model "$model" --input "$input" --output "$work/$name.tsv" "$@" 2> "$results/$name.err"
  local words; words=$(($(wc -l < "$work/$name.tsv") - 1))
  local report; report=$(grep -o 'matrix work: .*' "$results/$name.err" | tail -1 || true)
  echo "words=$words $(cat "$results/$name.time") $report" | tee "$results/$name.txt"
  echo "$name $model $(sed -E 's/matrix work: ([0-9.]+) GFLOP in ([0-9.]+) s.*/\1 \2/' <<< "$report")" >> "$work_list"
}

# The GEMM floor of each model used, in the same session, and each run's fraction of it.
floors() {
  local model
  for model in $(cut -d' ' -f2 "$work_list" | sort -u); do
    ./langscore gemm-floor --model "$model" > "$results/floor-$(basename "$model").txt"
    cat "$results/floor-$(basename "$model").txt"
  done
  local name gflop seconds floor32 floor16
  while read -r name model gflop seconds; do
    read -r floor32 floor16 < <(sed -nE 's/^floor float32=([0-9.]+) GFLOP\/s bfloat16=([0-9.]+) GFLOP\/s$/\1 \2/p' \
      "$results/floor-$(basename "$model").txt")
    awk -v n="$name" -v g="$gflop" -v s="$seconds" -v f="$floor32" -v b="$floor16" 'BEGIN {
      r = g / s; printf "%s: %.1f GFLOP in %.1f s of forward passes = %.1f GFLOP/s, %.0f%% of the float32 floor (%.1f), %.0f%% of the bfloat16 floor (%.1f)\n", n, g, s, r, 100 * r / f, f, 100 * r / b, b
    }' | tee -a "$results/$name.txt"
  done < "$work_list"
}

work_list="$results/work.list"
: > "$work_list"
configs=("$@")
if [[ ${#configs[@]} -eq 0 ]]; then
  configs=(chunked-strided chunked-sliding tokens-strided tokens-sliding truncate)
fi
for config in "${configs[@]}"; do
  case "$config" in
    chunked-strided) run "$config" "$work/all-stories.txt" --policy strided --window 1024 --stride 512 --chunk 512 ;;
    chunked-sliding) run "$config" "$work/all-stories.txt" --policy sliding --window 1024 --chunk 512 ;;
    chunked-strided-bf16) run "$config" "$work/all-stories.txt" --policy strided --window 1024 --stride 512 --chunk 512 -o dtype=bfloat16 ;;
    chunked-sliding-bf16) run "$config" "$work/all-stories.txt" --policy sliding --window 1024 --chunk 512 -o dtype=bfloat16 ;;
    tokens-strided) run "$config" "$work/prefix.txt" --policy strided --window 1024 --stride 512 --chunk 1 ;;
    tokens-sliding) run "$config" "$work/prefix.txt" --policy sliding --window 1024 --chunk 1 ;;
    truncate) run "$config" "$work/truncate-prefix.txt" --policy truncate --window 1024 ;;
    *) echo "unknown config $config" >&2; exit 2 ;;
  esac
done
floors
