#!/usr/bin/env bash
# Checks the built fixture libraries against the tables in README.md:
#   * every export in an <!-- exports: LIB --> table is a defined dynamic
#     symbol, and every export in the generated header is in that table;
#   * every symbol in a <!-- symbols: LIB --> table is present where its
#     "Present in" column says ("all", or "-l only" = noinline and stripped,
#     and then it must be absent from default); data symbols are not checked
#     in stripped builds, which have no symbol table;
#   * main.tiny is called out of line in noinline builds and inlined in
#     default builds.
# Usage: ./check-symbols.sh [build-dir]   (default: build)
set -euo pipefail

cd "$(dirname "$0")"
BUILD=${1:-build}
GO=${GO:-go}
README=README.md

# lib:variant-dir pairs: every library the Makefile builds (make print-libraries: the machine's Go in <variant>/,
# every release of GO_MATRIX in go1.NN/<variant>/) whose symbols README.md lists.
CHECKED_LIBS=" calls clock morph vars generics timers memsafe bigweb hot spied answers "
TARGETS=()
while read -r so; do
	rel=${so#build/}
	lib=${rel##*/lib}
	lib=${lib%.so}
	case "$CHECKED_LIBS" in *" $lib "*) TARGETS+=("$lib:${rel%/*}") ;; esac
done < <(make -s --no-print-directory print-libraries BUILD=build)

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

command -v nm >/dev/null || { echo "check-symbols: binutils 'nm' is required" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

PCLNSYMS=$tmp/pclnsyms
GOTOOLCHAIN=local GOFLAGS= "$GO" build -o "$PCLNSYMS" ./tools/pclnsyms

# table_rows KIND LIB: the rows of README.md's <!-- KIND: LIB --> table,
# header and separator excluded.
table_rows() {
	awk -v start="<!-- $1: $2 -->" '
		$0 == start { on = 1; next }
		on && /^<!-- \// { on = 0 }
		on && /^\| `/ { print }
	' "$README"
}

# export_names LIB: the C function names of the exports table.
export_names() {
	table_rows exports "$1" | awk -F'`' '{ print $2 }' | sed -E 's/^.*[ *]([A-Za-z_][A-Za-z0-9_]*)\(.*$/\1/'
}

# symbol_rows LIB: "name<TAB>kind<TAB>presence" for the symbols table.
symbol_rows() {
	table_rows symbols "$1" | awk -F'|' '{
		name = $2; kind = $3; pres = $4
		gsub(/^[ \t]*`|`[ \t]*$/, "", name)
		gsub(/^[ \t]+|[ \t]+$/, "", kind)
		gsub(/^[ \t]+|[ \t]+$/, "", pres)
		print name "\t" kind "\t" pres
	}'
}

for lib in calls clock morph vars generics bigweb; do
	if [ -z "$(export_names "$lib")" ] || [ -z "$(symbol_rows "$lib")" ]; then
		fail "README.md has no exports or symbols table for $lib"
	fi
done

checked=0
for target in "${TARGETS[@]}"; do
	lib=${target%%:*}
	dir=${target#*:}
	variant=${dir##*/}
	so=$BUILD/$dir/lib$lib.so
	if [ ! -f "$so" ]; then
		fail "$so is missing (run make)"
		continue
	fi
	checked=$((checked + 1))

	# Exported C functions.
	nm -D --defined-only "$so" | awk '{ print $NF }' | sort -u >"$tmp/dyn"
	while read -r name; do
		grep -qxF "$name" "$tmp/dyn" || fail "$so: export $name missing"
	done < <(export_names "$lib")
	# ...and every export in the generated header is documented.
	header=${so%.so}.h
	if [ -f "$header" ]; then
		export_names "$lib" | sort -u >"$tmp/documented"
		# the exports follow the `extern "C" {` line; earlier externs are cgo helpers
		sed -n '/^extern "C" {/,$ s/^extern [^(]*[ *]\([A-Za-z_][A-Za-z0-9_]*\)(.*/\1/p' "$header" | sort -u |
			comm -23 - "$tmp/documented" | while read -r name; do
			echo "FAIL: $header: export $name is not documented in README.md" >&2
			echo x
		done >"$tmp/undoc"
		failures=$((failures + $(wc -l <"$tmp/undoc")))
	else
		fail "$header is missing"
	fi

	# Go symbols.
	if [ "$variant" = stripped ]; then
		if go tool nm "$so" >/dev/null 2>&1; then
			fail "$so: has a symbol table although it should be stripped"
		fi
		"$PCLNSYMS" "$so" | sort -u >"$tmp/funcs"
		: >"$tmp/data"
	else
		go tool nm "$so" >"$tmp/nm"
		awk 'NF >= 3 && ($(NF-1) == "T" || $(NF-1) == "t") { print $NF }' "$tmp/nm" | sort -u >"$tmp/funcs"
		awk 'NF >= 3 && $(NF-1) ~ /^[DdBbRr]$/ { print $NF }' "$tmp/nm" | sort -u >"$tmp/data"
	fi
	while IFS=$'\t' read -r name kind presence; do
		case "$kind" in
		func) list=$tmp/funcs ;;
		data)
			[ "$variant" = stripped ] && continue
			list=$tmp/data
			;;
		*)
			fail "README.md: $name has unknown kind '$kind'"
			continue
			;;
		esac
		case "$presence" in
		all) expected=yes ;;
		"-l only") if [ "$variant" = default ]; then expected=no; else expected=yes; fi ;;
		*)
			fail "README.md: $name has unknown presence '$presence'"
			continue
			;;
		esac
		if grep -qxF -- "$name" "$list"; then
			[ "$expected" = yes ] || fail "$so: $name should be absent (inlined) but is present"
		else
			[ "$expected" = no ] || fail "$so: $kind symbol $name missing"
		fi
	done < <(symbol_rows "$lib")

	# Inlining of main.tiny.
	if [ "$lib" = calls ]; then
		case "$variant" in
		noinline)
			go tool objdump -s '^main\.CallTinyA$' "$so" | grep -q 'CALL main\.tiny(SB)' ||
				fail "$so: main.CallTinyA does not call main.tiny"
			;;
		default)
			dis=$(go tool objdump -s '_CallTinyA$' "$so")
			[ -n "$dis" ] || fail "$so: no code found for CallTinyA"
			if grep -q 'CALL main\.tiny(SB)' <<<"$dis"; then
				fail "$so: main.tiny is called, not inlined, in CallTinyA"
			fi
			tinyline=$(grep -n '^func tiny(' calls/calls.go | cut -d: -f1)
			grep -q "calls.go:$tinyline[[:space:]]" <<<"$dis" ||
				fail "$so: no instructions of main.tiny (calls.go:$tinyline) inlined into CallTinyA"
			;;
		esac
	fi
done

if [ "$failures" -ne 0 ]; then
	echo "check-symbols: $failures problem(s) in $checked libraries" >&2
	exit 1
fi
echo "check-symbols: all README.md symbols found in $checked libraries"
