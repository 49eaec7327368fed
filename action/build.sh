#!/usr/bin/env bash
# The action's one perfsite run: `perfsite build` annotates every problem (--format github) and writes the step
# summary once; the step fails on an error in an issue file (on a warning too with strict), so that the artifact is
# uploaded only for a sound site.
set -euo pipefail
arguments=(build --content "${INPUT_CONTENT:-content}" --output "${INPUT_OUTPUT:-public}" --format github)
[ -n "${INPUT_BASE_URL:-}" ] && arguments+=(--base-url "${INPUT_BASE_URL%/}/")
[ "${INPUT_STRICT:-false}" = true ] && arguments+=(--strict)
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && arguments+=(--summary "$GITHUB_STEP_SUMMARY")
# The date the site shows comes from the last commit, so a rebuild of one commit gives the same bytes.
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git rev-parse --git-dir >/dev/null 2>&1; then
  git config --global --add safe.directory "$PWD" 2>/dev/null || true
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || true)"
  [ -n "$SOURCE_DATE_EPOCH" ] && export SOURCE_DATE_EPOCH
fi
# A fresh checkout has no cache to reuse; writing one would only slow this build down.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
"${PERFSITE:-perfsite}" "${arguments[@]}" --no-cache | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || exit "$status"
echo "site=${INPUT_OUTPUT:-public}" >> "${GITHUB_OUTPUT:-/dev/null}"
# perfsite builds the rest of the site around a file it cannot read; the action publishes none of it then, so the
# site last deployed stays up until the file is mended.
errors="$(grep -c '^::error' "$log" || true)"
if [ "$errors" != 0 ]; then
  echo "::error title=perfsite::$errors errors in the issue files (annotated on each): the site is not published"
  exit 1
fi
