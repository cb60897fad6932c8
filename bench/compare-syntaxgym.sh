#!/usr/bin/env bash
# Agreement of two `langscore score --benchmark syntaxgym-2020 --json` results of the same model (e.g. two
# builds): suites whose accuracy differs, items whose verdict differs, and the largest per-region
# |difference| of surprisal in bits (and whether any token count differs).
#
#   bash bench/compare-syntaxgym.sh A.json B.json
set -euo pipefail
suites() { jq -r '.scores[0] | (.subScores[] | "\(.benchmark) \(.value)"), "\(.benchmark) \(.value)"' "$1" | sort; }
rows() { jq -r ".scores[0].items[] | select(.name == \"$2\") | .rows[] | map(tostring) | @tsv" "$1" | sort; }
differing_suites=$(diff <(suites "$1") <(suites "$2") | grep -c '^<' || true)
differing_items=$(diff <(rows "$1" item) <(rows "$2" item) | grep -c '^<' || true)
# region rows: suite item condition region content surprisal tokens (content may hold spaces, not tabs)
paste <(rows "$1" region) <(rows "$2" region) | awk -F'\t' '
  { n++; if ($1 != $8 || $2 != $9 || $3 != $10 || $4 != $11) { bad++ }
    if ($7 != $14) { tokens++ }
    d = $6 - $13; if (d < 0) d = -d; if (d > max) max = d }
  END { printf "regions=%d misaligned=%d token_counts_differing=%d max_abs_diff_bits=%.2e", n, bad, tokens, max }'
echo " suites_differing=$differing_suites items_differing=$differing_items"
