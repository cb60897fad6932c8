"""Per-word agreement of the peer loop's token surprisals with a langscore surprisal TSV of the same text.

Each word's surprisal is the sum over its tokens (the TSV's `tokens` column says how many); words whose
first token has no prediction (the text's first) are skipped.

  python3 bench/peer/compare_words.py LANGSCORE.tsv PEER_BITS.txt
"""
import csv
import math
import sys


def main():
    rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
    token_bits = [float(line) for line in open(sys.argv[2]) if line.strip()]
    at = 0
    ours, peers = [], []
    for row in rows:
        count = int(row["tokens"])
        span = token_bits[at:at + count]
        at += count
        ours_value = float(row["surprisal_bits"])
        if math.isnan(ours_value) or any(math.isnan(b) for b in span):
            continue
        ours.append(ours_value)
        peers.append(sum(span))
    if at != len(token_bits):
        raise SystemExit(f"the TSV covers {at} tokens, the peer's file {len(token_bits)}")
    n = len(ours)
    mean_a, mean_b = sum(ours) / n, sum(peers) / n
    cov = sum((a - mean_a) * (b - mean_b) for a, b in zip(ours, peers))
    var_a = sum((a - mean_a) ** 2 for a in ours)
    var_b = sum((b - mean_b) ** 2 for b in peers)
    largest = max(abs(a - b) for a, b in zip(ours, peers))
    print(f"{n} words: Pearson r = {cov / math.sqrt(var_a * var_b):.6f}, largest difference {largest:.2e} bits")


if __name__ == "__main__":
    main()
