#!/usr/bin/env bash
# Re-vendor the page's network library from the npm registry (run by hand when upgrading;
# the result is committed so that `pip install -e .` works offline and nothing is fetched
# at run time). Usage: bash src/blocwatch/web/static/vendor/fetch.sh [VERSION]
set -euo pipefail
version="${1:-3.34.4}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cytoscape@$version" >/dev/null && tar xzf cytoscape-*.tgz)
cp "$work/package/dist/cytoscape.min.js" "$here/cytoscape.min.js"
cp "$work/package/LICENSE" "$here/cytoscape.LICENSE"
sed -i "s/^cytoscape [0-9.]*/cytoscape $version/" "$here/README.md"
echo "vendored cytoscape $version into $here"
