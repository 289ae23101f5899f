#!/usr/bin/env bash
# Save-to-served latency at 10,000 pages: `minsheng serve` against `hugo server`,
# measured by the shared ../shared/bench/serve_latency.py in the same run.
#   bash benches/serve_vs_hugo.sh [pages] [runs]
# Also prints the rebuild times alone (benches/rebuild.rs). Loopback only.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bench="$here/../shared/bench"
pages="${1:-10000}"
runs="${2:-9}"
tmp="$(mktemp -d "${TMPDIR:-/dev/shm}/minsheng-serve-XXXX")"
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
python3 "$bench/gen_corpus.py" --pages "$pages" --format minsheng --out "$tmp/minsheng" >/dev/null
echo "minsheng serve:"
python3 "$bench/serve_latency.py" --site "$tmp/minsheng" --runs "$runs" --port 18311 --done-regex 'rebuilt in' -- \
  "$here/target/release/minsheng" serve --port {port} | tail -1
if command -v hugo >/dev/null; then
  python3 "$bench/gen_corpus.py" --pages "$pages" --format hugo --out "$tmp/hugo" >/dev/null
  echo "hugo server:"
  python3 "$bench/serve_latency.py" --site "$tmp/hugo" --runs "$runs" --port 18312 --done-regex 'Total in' -- \
    hugo server --bind 127.0.0.1 --port {port} --baseURL http://127.0.0.1:{port}/ | tail -1
else
  echo "hugo not installed (apt-get install hugo): no comparison"
fi
echo "rebuild alone:"
MINSHENG_CORPUS="$tmp/minsheng" cargo bench --quiet --manifest-path "$here/Cargo.toml" --bench rebuild 2>/dev/null | tail -3
