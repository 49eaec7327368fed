#!/usr/bin/env bash
# Puts perfsite on the PATH for the action: the self-contained binary of release $PERFSITE_VERSION of
# $PERFSITE_REPOSITORY (from `make dist`, checked against its .sha256), kept in ~/.cache/perfsite/<version>/ for
# actions/cache; or, for the action run from its own checkout (`uses: ./`, version source-<commit>), built from that
# source with `make dist`.
set -euo pipefail
version="${PERFSITE_VERSION:?}"
cache="$HOME/.cache/perfsite/$version"
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$cache/perfsite" ]; then
  mkdir -p "$cache"
  if [[ "$version" == source-* ]] || [ -z "${PERFSITE_REPOSITORY:-}" ]; then
    make -C "$here" dist
    cp "$here/dist/perfsite" "$cache/perfsite"
  else
    tarball="perfsite-linux-x86_64.tar.gz"
    url="${PERFSITE_RELEASES_URL:-https://github.com/$PERFSITE_REPOSITORY/releases/download}/$version"
    work="$(mktemp -d)"
    if ! curl -fsSL -o "$work/$tarball" "$url/$tarball" || ! curl -fsSL -o "$work/$tarball.sha256" "$url/$tarball.sha256"
    then
      rm -rf "$work" "$cache"
      echo "::error title=perfsite::no release '$version' with $tarball at $url: set the action's 'version' input to a release tag"
      exit 2
    fi
    if ! (cd "$work" && sha256sum --check --quiet "$tarball.sha256"); then
      echo "::error title=perfsite::$tarball of release '$version' does not match its checksum"
      rm -rf "$work" "$cache"
      exit 2
    fi
    tar -xzf "$work/$tarball" -C "$cache" perfsite
    rm -rf "$work"
  fi
fi
echo "$cache" >> "$GITHUB_PATH"
"$cache/perfsite" --version
