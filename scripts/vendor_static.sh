#!/usr/bin/env bash
# Vendor the front-end assets kring serves itself (no CDN, no node_modules).
#
# Each package is fetched with `npm pack <name>@<exact version>` into a
# temporary directory, its tarball is checked against the pinned npm
# integrity hash, and only the files we need (plus the package's licence
# text) are copied into src/kring/ui/static/vendor/. VERSIONS.md is
# regenerated from what was copied. Re-running gives byte-identical output.
#
# Usage: scripts/vendor_static.sh
#
# To upgrade a package: change its version and integrity below (the
# integrity is `npm view <name>@<version> dist.integrity`), re-run, review
# the diff, and update the licence name if it changed.
#
# Design tokens: @utrecht/design-tokens is deliberately NOT vendored. Its
# LICENSE.md reads "Copyright (c) 2021 Gemeente Utrecht. All rights reserved.
# The open source license does NOT apply to files in this directory. These
# are proprietary assets to Gemeente Utrecht." That cannot be redistributed
# in an open-source repository. We use the NL Design System "voorbeeld"
# (example) theme instead, which is EUPL-1.2, provides the same --utrecht-*
# component tokens, and is scoped to the `.voorbeeld-theme` class.
set -euo pipefail

# package | exact version | npm dist.integrity | licence (SPDX)
CLC_PKG="@utrecht/component-library-css"
CLC_VERSION="9.0.4"
CLC_INTEGRITY="sha512-gVA7D6GfP9/+fzehkYLSBR+0UPUTA97PZmgvTYQE88lPQhHGMlUk8FjmCpLKRsRC9hAYd32JuF/KzG6fmBfjJA=="
CLC_LICENCE="EUPL-1.2"

TOKENS_PKG="@nl-design-system-unstable/voorbeeld-design-tokens"
TOKENS_VERSION="7.4.1"
TOKENS_INTEGRITY="sha512-GNnapAn2mTIzXRcCvs0JMr4Bf9+ivUJ3zFBJLRT1SYpAYm2xPwptVxIM3k4WLJ0c59E9FfxsEBPJluGuAHUVvg=="
TOKENS_LICENCE="EUPL-1.2"

# htmx is pinned to the 2.0.x line on purpose (npm "latest" is 4.x, a rewrite).
HTMX_PKG="htmx.org"
HTMX_VERSION="2.0.11"
HTMX_INTEGRITY="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
HTMX_LICENCE="0BSD"

# axe-core is for the browser tests only (tests/browser/test_axe_and_phone_width.py injects it from this
# file); no template links it, and kring's static-files finder leaves it out (kring.ui.staticfiles).
AXE_PKG="axe-core"
AXE_VERSION="4.14.1"
AXE_INTEGRITY="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_LICENCE="MPL-2.0"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$REPO_ROOT/src/kring/ui/static/vendor"

for tool in npm tar install sha256sum openssl base64; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: '$tool' is required" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kring-vendor.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# fetch NAME VERSION INTEGRITY -> prints the path of the extracted package/ dir
fetch() {
    local name="$1" version="$2" integrity="$3"
    local slug="${name//@/}"
    slug="${slug//\//-}"
    local dir="$WORK/$slug"
    mkdir -p "$dir"
    # --ignore-scripts: pack never needs to run package scripts.
    (cd "$dir" && npm pack "$name@$version" --ignore-scripts --silent >/dev/null)
    local tgz="$dir/$slug-$version.tgz"
    [[ -f "$tgz" ]] || { echo "error: npm pack did not produce $tgz" >&2; exit 1; }
    local actual
    actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
    if [[ "$actual" != "$integrity" ]]; then
        echo "error: integrity mismatch for $name@$version" >&2
        echo "  expected $integrity" >&2
        echo "  got      $actual" >&2
        exit 1
    fi
    tar -xzf "$tgz" -C "$dir"
    printf '%s\n' "$dir/package"
}

# copy SRC DEST_REL: copy one file into the staging tree with fixed mode
STAGE="$WORK/stage"
mkdir -p "$STAGE"
copy() {
    local src="$1" rel="$2"
    [[ -f "$src" ]] || { echo "error: expected file missing: $src" >&2; exit 1; }
    install -D -m 0644 "$src" "$STAGE/$rel"
}

echo "Fetching $CLC_PKG@$CLC_VERSION" >&2
clc="$(fetch "$CLC_PKG" "$CLC_VERSION" "$CLC_INTEGRITY")"
copy "$clc/dist/index.css" "utrecht/component-library.css"
copy "$clc/LICENSE.md" "utrecht/LICENSE.md"

echo "Fetching $TOKENS_PKG@$TOKENS_VERSION" >&2
tokens="$(fetch "$TOKENS_PKG" "$TOKENS_VERSION" "$TOKENS_INTEGRITY")"
# dist/theme.css holds the custom properties scoped to `.voorbeeld-theme`
# (dist/variables.css is the same set on :root).
grep -q '^\.voorbeeld-theme {' "$tokens/dist/theme.css" \
    || { echo "error: tokens are no longer scoped to .voorbeeld-theme" >&2; exit 1; }
copy "$tokens/dist/theme.css" "voorbeeld/design-tokens.css"
copy "$tokens/LICENSE.md" "voorbeeld/LICENSE.md"

echo "Fetching $HTMX_PKG@$HTMX_VERSION" >&2
htmx="$(fetch "$HTMX_PKG" "$HTMX_VERSION" "$HTMX_INTEGRITY")"
grep -q "version:\"$HTMX_VERSION\"" "$htmx/dist/htmx.min.js" \
    || { echo "error: htmx.min.js does not report version $HTMX_VERSION" >&2; exit 1; }
copy "$htmx/dist/htmx.min.js" "htmx/htmx.min.js"
copy "$htmx/LICENSE" "htmx/LICENSE"

echo "Fetching $AXE_PKG@$AXE_VERSION" >&2
axe="$(fetch "$AXE_PKG" "$AXE_VERSION" "$AXE_INTEGRITY")"
head -n1 "$axe/axe.min.js" | grep -qx "/\*! axe v$AXE_VERSION" \
    || { echo "error: axe.min.js does not report version $AXE_VERSION" >&2; exit 1; }
copy "$axe/axe.min.js" "axe/axe.min.js"
copy "$axe/LICENSE" "axe/LICENSE"

# VERSIONS.md: deterministic (no dates), so re-runs produce no diff.
row() {
    local pkg="$1" version="$2" licence="$3"
    shift 3
    local rel
    for rel in "$@"; do
        local sum
        sum="$(sha256sum "$STAGE/$rel" | cut -d' ' -f1)"
        printf '| `%s` | %s | `%s` | `%s` | %s |\n' "$pkg" "$version" "$rel" "$sum" "$licence"
    done
}
{
    echo "# Vendored front-end assets"
    echo
    echo "Generated by \`scripts/vendor_static.sh\` — do not edit by hand; re-run the script."
    echo "Files come from \`npm pack <package>@<version>\`; each tarball is checked against"
    echo "the npm integrity hash pinned in the script. Licence texts are copied next to the files."
    echo
    echo "| package | version | file | sha256 | licence |"
    echo "| --- | --- | --- | --- | --- |"
    row "$CLC_PKG" "$CLC_VERSION" "$CLC_LICENCE" utrecht/component-library.css utrecht/LICENSE.md
    row "$TOKENS_PKG" "$TOKENS_VERSION" "$TOKENS_LICENCE" voorbeeld/design-tokens.css voorbeeld/LICENSE.md
    row "$HTMX_PKG" "$HTMX_VERSION" "$HTMX_LICENCE" htmx/htmx.min.js htmx/LICENSE
    row "$AXE_PKG" "$AXE_VERSION" "$AXE_LICENCE" axe/axe.min.js axe/LICENSE
    echo
    echo "Notes"
    echo
    echo "- \`utrecht/component-library.css\` is \`dist/index.css\` of $CLC_PKG (class-based"
    echo "  component CSS; unminified in the package). It only reads CSS custom properties."
    echo "- \`voorbeeld/design-tokens.css\` is \`dist/theme.css\`: the tokens apply inside an"
    echo "  element with class \`voorbeeld-theme\` (kring puts it on \`<body>\`)."
    echo "- \`@utrecht/design-tokens\` is *not* vendored: its LICENSE.md declares the tokens"
    echo "  proprietary to Gemeente Utrecht (\"All rights reserved\"; the open-source licence"
    echo "  does not apply), so they may not be redistributed here."
    echo "- htmx stays on the 2.0.x line; npm's \`latest\` tag points at 4.x."
    echo "- \`axe/axe.min.js\` (axe-core) is for the browser tests only: they inject it into the page"
    echo "  from this file. No template links it and kring's static-files finder leaves it out, so it is never served."
} > "$STAGE/VERSIONS.md"

# Replace the vendor directory wholesale so removed files don't linger.
mkdir -p "$(dirname "$DEST")"
rm -rf "$DEST.tmp"
cp -R "$STAGE" "$DEST.tmp"
rm -rf "$DEST"
mv "$DEST.tmp" "$DEST"

echo "Vendored into ${DEST#"$REPO_ROOT"/}:" >&2
(cd "$DEST" && find . -type f | sort | sed 's|^\./|  |') >&2
