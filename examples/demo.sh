#!/usr/bin/env bash
# make demo: GoJack at work, for a person reading the terminal. Builds what it needs, shows what
# `gojack inspect` finds in a fixture library without loading it, then runs each example test class in its
# own JVM (one Go runtime per JVM) with the JUnit console launcher's tree of results.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN="${MVN:-mvn} -B -ntp -q"
FIXTURES="$PWD/go-fixtures/build"
JUNIT_PLATFORM=$(sed -n 's:.*<junit.version>5\.\([0-9.]*\)</junit.version>.*:1.\1:p' pom.xml | head -1)

echo "== building GoJack and the Go fixture libraries"
$MVN install -DskipTests
$MVN -pl examples dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/demo.classpath
$MVN -pl examples dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:"$JUNIT_PLATFORM" \
    -DoutputDirectory=target -Dmdep.stripVersion=true
CP="examples/target/test-classes:$(cat examples/target/demo.classpath)"

echo
echo "== gojack inspect: what GoJack finds in libcalls.so (built with inlining), without loading it"
java -jar framework/target/gojack-framework-*[0-9T].jar inspect "$FIXTURES/default/libcalls.so" \
    --functions '^main\.(add|addReplacement|tiny|leafConst)$' --inlined main.tiny | grep -v '^build settings'

run() {
    echo
    echo "== $2"
    java -Dgojack.library.path="$FIXTURES/noinline" -jar examples/target/junit-platform-console-standalone.jar \
        execute --disable-banner --details=tree --disable-ansi-colors --class-path "$CP" \
        --select-class "dev.gojack.examples.$1" | sed -n '/^[╷├│└]/p' | grep -v 'JUnit Platform Suite\|JUnit Vintage'
}
run RedirectExampleTest "a Go function redirected to another for one test (main.add -> main.addReplacement)"
run StubbedReturnExampleTest "Go functions stubbed to return fixed values, no Go code written"
run TokenExpiryExampleTest "a fake clock: a token expires and a cache entry times out, exactly when Java says"
run GoPatchesExampleTest "programmatic patches, restored after each test"
echo
echo "Every patch above was restored when its test ended; 'make test' runs the full suite."
