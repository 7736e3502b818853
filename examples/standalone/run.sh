#!/usr/bin/env bash
# Builds and tests examples/standalone the way a user's own project would: from a copy outside this checkout (so
# nothing can come from GoJack's parent pom), against the GoJack artifacts installed into ~/.m2.
#
#   examples/standalone/run.sh                        mvn install GoJack (-DskipTests) first, then the example
#   GOJACK_SKIP_INSTALL=1 examples/standalone/run.sh  use what an earlier `mvn install` put into ~/.m2 (CI)
#
# The Maven build always runs. The Gradle build runs when a Gradle 7.6 or newer is on PATH; Debian's package
# is Gradle 4.4.1, which has no useJUnitPlatform(), so it is reported and skipped (see the README).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ "${GOJACK_SKIP_INSTALL:-}" != 1 ]; then
    echo "== mvn install GoJack (-DskipTests)"
    mvn -B -ntp -q -f "$root/pom.xml" install -DskipTests
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/pom.xml" "$here/build.gradle" "$here/settings.gradle" "$here/build-go.sh" "$here/go" "$here/src" "$work/"
rm -rf "$work/go-build"

echo "== Maven: examples/standalone (copied to $work)"
mvn -B -ntp -f "$work/pom.xml" verify

gradle_major=0
if command -v gradle >/dev/null 2>&1; then
    gradle_version=$(gradle --version 2>/dev/null | sed -n 's/^Gradle \([0-9][0-9.]*\).*/\1/p' | head -1)
    gradle_major=${gradle_version%%.*}
    gradle_minor=$(echo "$gradle_version" | cut -d. -f2)
    if [ "${gradle_major:-0}" -eq 7 ] && [ "${gradle_minor:-0}" -lt 6 ]; then gradle_major=0; fi
fi
if [ "${gradle_major:-0}" -ge 7 ]; then
    echo "== Gradle $gradle_version: examples/standalone"
    gradle --no-daemon -p "$work" test
else
    echo "== Gradle: not run: no Gradle 7.6+ on PATH (${gradle_version:-none installed}). Debian offers only"
    echo "   Gradle 4.4.1 (no useJUnitPlatform()); Gradle distributions are not on Maven Central; the wrapper's"
    echo "   download from services.gradle.org is not reachable here."
fi
