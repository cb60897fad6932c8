#!/usr/bin/env bash
# The issue's headline ratio, side by side in one run: transformers' strided-window loop over GPT-2
# (rebuilt as bench/peer/gpt2_strided_loop.py on Debian's PyTorch 1.13: transformers itself is not
# installable here) against `langscore surprisal --policy strided` in float32 and bfloat16, on the
# 10 Natural Stories as one text (12,370 tokens) and the same random-weight GPT-2-small model.
# Rounds alternate the three runs so that a drift of the machine's speed hits them alike. Each run's
# per-word surprisal is checked against the peer's. Writes bench/results/against-peer.txt.
#
#   sudo apt-get install python3-torch libopenblas0-pthread   # once: the peer's PyTorch and its BLAS
#   bash bench/against-peer.sh [rounds]                       # default 2 rounds
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LANGSCORE_SHARED:-../shared}"
work="bench/work"
results="bench/results"
rounds="${1:-2}"
python=/usr/bin/python3
mkdir -p "$work" "$results"
if ! "$python" -c "import torch" 2>/dev/null; then
  echo "against-peer: Debian's PyTorch is missing: apt-get install python3-torch libopenblas0-pthread" >&2
  exit 1
fi

tail -n +2 "$shared/data/naturalstories/all_stories.tok" | cut -f1 > "$work/all-stories.txt"
if [[ ! -f "$work/gpt2-random/model.safetensors" ]]; then
  ./langscore random-model --like gpt2 --tokenizer "$shared/fixtures/hf-tiny/gpt2-realtok-0/tokenizer.json" \
    --out "$work/gpt2-random" --seed 1
fi
OPT_OUT_TRACKING=true DJL_OFFLINE=true java -Dai.djl.offline=true -cp "web/target/quarkus-app/lib/main/*" \
  bench/peer/TokenIds.java "$work/gpt2-random" "$work/all-stories.txt" "$work/all-stories.ids" 2>/dev/null
./langscore surprisal --model "$work/gpt2-random" --input "$shared/data/naturalstories/README.md" \
  --output "$results/warm-up.tsv" >/dev/null 2>&1   # writes the class-data archive once after a build

report="$results/against-peer.txt"
: > "$report"
seconds() { /usr/bin/time -f "%e" -o "$results/.time" "$@" >/dev/null 2>&1; cat "$results/.time"; }
declare -A total=([peer]=0 [float32]=0 [bfloat16]=0)
for round in $(seq 1 "$rounds"); do
  peer=$(seconds "$python" bench/peer/gpt2_strided_loop.py "$work/gpt2-random" "$work/all-stories.ids" \
    "$results/peer-bits.txt")
  line="round $round: peer ${peer} s"
  total[peer]=$(echo "${total[peer]} + $peer" | bc -l)
  for dtype in float32 bfloat16; do
    t=$(seconds ./langscore surprisal --model "$work/gpt2-random" --input "$work/all-stories.txt" \
      --policy strided --window 1024 --stride 512 --chunk 512 -o dtype=$dtype --output "$results/peer-$dtype.tsv")
    total[$dtype]=$(echo "${total[$dtype]} + $t" | bc -l)
    line+=", langscore $dtype ${t} s ($(echo "scale=2; $peer / $t" | bc -l)x)"
  done
  echo "$line" | tee -a "$report"
done
for dtype in float32 bfloat16; do
  echo "all rounds, $dtype: $(echo "scale=2; ${total[peer]} / ${total[$dtype]}" | bc -l)x the peer;" \
    "agreement with the peer: $("$python" bench/peer/compare_words.py "$results/peer-$dtype.tsv" "$results/peer-bits.txt")" \
    | tee -a "$report"
done
