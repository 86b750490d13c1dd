#!/usr/bin/env bash
# Re-takes docs/report.png, the README's picture of the sample county's
# report, with headless Chromium as the browser tests use it.
# Usage: Tools/report-screenshot/run.sh   (from anywhere in the checkout)
set -euo pipefail
cd "$(dirname "$0")/../.."
browser=$(command -v chromium-headless-shell || command -v chromium || true)
[ -n "$browser" ] || { echo "no Chromium: apt-get install chromium-headless-shell" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swift run -c release placewise allocate Data/sample-county --out "$out/sample-county" --quiet
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$out/profile" \
  --window-size=1100,1650 --screenshot="$PWD/docs/report.png" "file://$out/sample-county/report.html" 2>/dev/null
echo "docs/report.png written"
