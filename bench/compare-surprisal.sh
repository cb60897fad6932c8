#!/usr/bin/env bash
# Per-word agreement of two `langscore surprisal` TSV outputs of the same text (e.g. float32 and
# bfloat16): Pearson r of surprisal_bits over the words both score, and the largest |difference|.
#
#   bash bench/compare-surprisal.sh A.tsv B.tsv
set -euo pipefail
paste <(cut -f5 "$1") <(cut -f5 "$2") | awk -F'\t' '
  NR == 1 { next }
  $1 != "NaN" && $2 != "NaN" {
    n++; x = $1 + 0; y = $2 + 0; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
    d = x - y; if (d < 0) d = -d; if (d > max) max = d
  }
  END {
    vx = sxx - sx * sx / n; vy = syy - sy * sy / n
    printf "words=%d pearson_r=%.6f max_abs_diff_bits=%.4f sd_bits=%.4f\n", n, (sxy - sx * sy / n) / sqrt(vx * vy), max, sqrt(vx / (n - 1))
  }'
