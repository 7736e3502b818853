#!/usr/bin/env bash
# Suite wall time of the example's tests with a JVM per test class (reuseForks=false) and with one JVM for the
# whole suite (reuseForks=true), alternating, ROUNDS times each; prints every run and the medians. Needs a
# previous `mvn verify` here (compiled tests, built Go library). Not part of CI: a timing, not a test.
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-5}
run() {
    local start end
    start=$(date +%s%N)
    mvn -B -ntp -q -o surefire:test -Dgojack.reuseForks="$1" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
declare -a per_class one_jvm
for i in $(seq "$ROUNDS"); do
    per_class+=("$(run false)")
    one_jvm+=("$(run true)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "fork per class (reuseForks=false): ${per_class[*]} ms, median $(median "${per_class[@]}") ms"
echo "one JVM        (reuseForks=true):  ${one_jvm[*]} ms, median $(median "${one_jvm[@]}") ms"
echo "test classes: $(ls src/test/java/example/payments/*Test.java | wc -l); load: $(cut -d' ' -f1-3 /proc/loadavg)"
