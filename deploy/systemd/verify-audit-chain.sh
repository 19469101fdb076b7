#!/bin/sh
# Verify the audit chain against the last kept anchor, then keep the new one (append-only file; ship it off
# the machine as well). Exit 1 (and no new anchor) when the chain is broken.
set -eu
dir="$1"
last=""
[ -s "$dir/anchors" ] && last=$(tail -n 1 "$dir/anchors" | cut -d' ' -f2)
out=$(/opt/kring/bin/python /opt/kring/manage.py verify_audit_chain ${last:+--anchor "$last"})
echo "$out"
anchor=$(printf '%s\n' "$out" | sed -n 's/^anchor: //p')
[ -n "$anchor" ] || { echo "no anchor printed" >&2; exit 1; }
printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$anchor" >> "$dir/anchors"
