#!/usr/bin/env bash
# The test of `make dist` (run by `make test`): the binary needs nothing but the C library and the kernel's, runs
# from a folder that holds only it and the sample content, with an empty environment, and the tarball holds exactly
# it and matches its checksum.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "dist test: $*" >&2; exit 1; }

# ldd: the kernel's vDSO, the loader, and glibc's libc and libm; nothing else.
libraries="$(ldd dist/perfsite | awk '{print $1}' | sort | tr '\n' ' ')"
expected="/lib64/ld-linux-x86-64.so.2 libc.so.6 libm.so.6 linux-vdso.so.1 "
[ "$libraries" = "$expected" ] || fail "ldd lists '$libraries', expected '$expected'"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp dist/perfsite "$work/"
cp -r content "$work/content"
# No PATH, no HOME, no toolchain: what a teammate's machine or a CI runner may have.
set +e
(cd "$work" && env -i ./perfsite check > stdout 2> stderr)
status=$?
set -e
[ "$status" = 0 ] || fail "check exited with $status: $(cat "$work/stderr")"
issues="$(find content -name '*.md' | wc -l)"
grep -q "^checked $issues files: $issues issues, 0 errors" "$work/stderr" \
  || fail "check printed '$(tail -1 "$work/stderr")'"
(cd "$work" && env -i PERFSITE_PAGEFIND= ./perfsite build --quiet --output site) || fail "build failed"
[ -f "$work/site/index.html" ] || fail "build wrote no index.html"
# jemalloc is linked in (Debian's libjemalloc.a), in place of glibc's malloc: asked to, it prints its statistics.
env -i MALLOC_CONF=stats_print:true "$work/perfsite" --version 2>&1 | grep -q "Begin jemalloc statistics" \
  || fail "the binary does not allocate with jemalloc"
version="$(env -i "$work/perfsite" --version)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+\ \(commit\ [0-9a-f]+\)$ ]] || fail "--version printed '$version'"

# The tarball: its checksum holds, and it holds the binary and nothing else.
(cd dist && sha256sum --check --quiet perfsite-linux-x86_64.tar.gz.sha256) || fail "the checksum does not match"
[ "$(tar -tzf dist/perfsite-linux-x86_64.tar.gz)" = perfsite ] || fail "the tarball holds more than perfsite"
tar -xzf dist/perfsite-linux-x86_64.tar.gz -C "$work" -O perfsite | cmp -s - dist/perfsite \
  || fail "the tarball's perfsite is not dist/perfsite"
# The manual page (make man) documents every command and option the binary has; the completions name them.
commands="build check serve export import new init"
for command in $commands; do
  grep -qx "\.It Em $command" dist/man/perfsite.1 || fail "the manual page has no entry for $command"
  for script in perfsite.bash _perfsite perfsite.fish; do
    grep -qw -- "$command" "dist/completions/$script" || fail "dist/completions/$script misses $command"
  done
done
for option in strip-prefix excel timings; do
  grep -qx "\.It Fl -$option.*" dist/man/perfsite.1 || fail "the manual page misses --$option"
done
if command -v groff >/dev/null 2>&1; then
  groff -mandoc -Tutf8 -ww dist/man/perfsite.1 > /dev/null 2> "$work/groff" || fail "groff cannot read the page"
  [ ! -s "$work/groff" ] || fail "groff warns: $(head -3 "$work/groff")"
fi

echo "dist test: ldd lists $expected; jemalloc linked in; check read $issues issues from a bare folder; $version;"\
  "$(du -h dist/perfsite | cut -f1);"\
  "the manual page and the completions name every command"
