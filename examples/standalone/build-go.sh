#!/usr/bin/env bash
# Builds the Go library twice, side by side:
#   go-build/libpayments.so        as shipped (default flags: inlining on, no fakes)
#   go-build/test/libpayments.so   the test variant: fakes compiled in (-tags gojacktest), inlining off
#                                  (-gcflags=all=-l) so that every function has a body GoJack can patch
# Tests load the test variant; production keeps shipping the first one.
set -euo pipefail
cd "$(dirname "$0")"
export CGO_ENABLED=1
go -C go build -buildmode=c-shared -o ../go-build/libpayments.so .
go -C go build -buildmode=c-shared -tags gojacktest -gcflags=all=-l -o ../go-build/test/libpayments.so .
