#!/usr/bin/env bash
# eval.sh scores an ingest binary on the evaluation sets through the real binaries, the way
# internal/e2e's TestDevEvaluations, TestArticleSet and TestBlindSet do, and prints the scorers'
# summaries, so that two builds can be compared side by side in one run:
#
#   go build -o /tmp/new ./cmd/...
#   scripts/eval.sh /tmp/new            # seed, PLOVER dev, development and blind articles
#   scripts/eval.sh /tmp/new set DIR    # one article set (a directory with manifest.tsv)
#   scripts/eval.sh /tmp/new set DIR --show   # ... with the scorer's per-fact misses
#
# SHARED (default ../shared beside the repository) holds the scorers and public data.
set -euo pipefail
bin=${1:?usage: eval.sh BINDIR [set DIR [--show]]}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
[ -f "$shared/eval/score_facts.py" ] || { echo "eval.sh: no $shared/eval/score_facts.py (set SHARED)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# scoreset DIR [FLAGS...]: ingest every article of DIR/manifest.tsv, score all against their gold.
scoreset() {
	local dir=$1; shift
	: > "$tmp/pairs.tsv"
	while IFS=$'\t' read -r file date; do
		[ -n "$file" ] || continue
		local base=${file%.txt}
		"$bin/ingest" -q --dry-run --date "$date" "$dir/$file" > "$tmp/$base.nq"
		printf '%s\t%s\n' "$dir/$base.gold.tsv" "$tmp/$base.nq" >> "$tmp/pairs.tsv"
	done < "$dir/manifest.tsv"
	python3 "$shared/eval/score_facts.py" "$@" --pairs "$tmp/pairs.tsv"
}

summary() { grep -E '^(facts_f1|events|entities|quotes|relations|rels|negation)' || true; }

if [ "${2:-}" = set ]; then
	dir=${3:?usage: eval.sh BINDIR set DIR [--show]}
	if [ "${4:-}" = --show ]; then scoreset "$dir" --show; else scoreset "$dir" | summary; fi
	exit
fi

echo "== seed"
"$bin/ingest" -q --dry-run --date 2022-04-21 "$shared/seed/ardern-kishida-2022.txt" > "$tmp/seed.nq"
python3 "$shared/eval/score_facts.py" "$shared/eval/seed/ardern-kishida-2022.gold.tsv" "$tmp/seed.nq" | summary
echo "== plover dev"
"$bin/ingest" -q --dry-run "$shared/eval/plover/plover-dev.jsonl" > "$tmp/plover.nq"
python3 "$shared/eval/score_plover.py" "$shared/eval/plover/plover-dev.jsonl" "$tmp/plover.nq" | grep -E 'recall|precision' || true
echo "== development articles"
scoreset "$root/internal/e2e/testdata/articles" | summary
echo "== blind articles"
scoreset "$root/internal/e2e/testdata/blind" | summary
