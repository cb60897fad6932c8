#!/usr/bin/env bash
# Peak memory, load time and speed of big real-shape models with BF16 weights (random values, no
# download) on the Natural Stories corpus as one text. Writes bench/results/big-*.txt.
#
#   bash bench/big-models.sh [config ...]
#
# Configs: tinyllama-corpus mistral-2000 mistral-corpus pythia12b-50 (default: all but mistral-corpus).
# Models are written once into BIG_MODELS (default bench/work/big; about 40 GB for all three).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LANGSCORE_SHARED:-../shared}"
work="bench/work"
models="${BIG_MODELS:-$work/big}"
results="bench/results"
mkdir -p "$work" "$models" "$results"

tail -n +2 "$shared/data/naturalstories/all_stories.tok" | cut -f1 > "$work/all-stories.txt"
head -n 2000 "$work/all-stories.txt" > "$work/words-2000.txt"
head -n 50 "$work/all-stories.txt" > "$work/words-50.txt"

# The shapes are the real ones; the tokenizers are fixtures whose vocabularies fit the models'
# (a 1,000-word WordLevel tokenizer for the 32,000-row Llama/Mistral tables: about one token per
# word, 12,231 tokens for the corpus; the real GPT-2 tokenizer, 12,370 tokens, for Pythia's 50,688 rows).
model() {
  local like="$1" tokenizer="$2" out="$models/$1-bf16"
  if [[ ! -f "$out/model.safetensors" ]]; then
    ./langscore random-model --like "$like" --dtype bf16 --tokenizer "$tokenizer" --out "$out" --seed 1 >&2
  fi
  echo "$out"
}
llama_tokenizer="$shared/fixtures/hf-tiny/llama-0/tokenizer.json"
gpt2_tokenizer="$shared/fixtures/hf-tiny/gpt2-realtok-0/tokenizer.json"

run() {
  local name="$1" model="$2" input="$3"; shift 3
  echo "== $name: langscore surprisal --model $model --input $input $*"
  local code=0
  /usr/bin/time -f "wall_s=%e max_rss_kb=%M exit=%x" -o "$results/big-$name.time" \
    ./langscore surprisal -v --model "$model" --input "$input" --output "$work/big-$name.tsv" "$@" \
    2> >(tee "$work/big-$name.log" >&2) || code=$?
  local words=0
  [[ -f "$work/big-$name.tsv" ]] && words=$(($(wc -l < "$work/big-$name.tsv") - 1))
  local opened; opened=$(grep -o "Opened .* in [0-9.]* s" "$work/big-$name.log" | tail -1 || true)
  echo "words=$words $(cat "$results/big-$name.time") load=\"${opened##* in }\"" | tee "$results/big-$name.txt"
  return 0
}

configs=("$@")
if [[ ${#configs[@]} -eq 0 ]]; then
  configs=(tinyllama-corpus mistral-2000 pythia12b-50)
fi
for config in "${configs[@]}"; do
  case "$config" in
    tinyllama-corpus) run "$config" "$(model tinyllama-1.1b "$llama_tokenizer")" "$work/all-stories.txt" --policy sliding ;;
    mistral-2000) run "$config" "$(model mistral-7b "$llama_tokenizer")" "$work/words-2000.txt" --policy sliding ;;
    mistral-corpus) run "$config" "$(model mistral-7b "$llama_tokenizer")" "$work/all-stories.txt" --policy sliding ;;
    pythia12b-50) run "$config" "$(model pythia-12b "$gpt2_tokenizer")" "$work/words-50.txt" --policy sliding ;;
    *) echo "unknown config $config" >&2; exit 2 ;;
  esac
done
