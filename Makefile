# GoJack — the two commands of the README, and the pieces they are made of.
#
#   make demo      build what is needed, then show GoJack at work on a fixture library
#   make test      the whole test suite (mvn verify): everything with the machine's Go, then the
#                  core tests again against fixtures built by every Go release 1.21 ... 1.26
#   make matrix    what CI proves: make test on JDK 17, the whole suite again on JDK 25 (without the
#                  Go releases), no JVM warning in either log, wall time of every piece
#   make fixtures  build the Go fixture libraries only
#   make bench     benchmarks (not part of make test)
#   make stress    padding hot-patch under GC and CPU profiling, STRESS_RUNS x STRESS_SECONDS per case (not part of make test)
#   make clean     remove every build output

MVN      ?= mvn
MVNFLAGS ?= -B -ntp
GO       ?= go
FIXTURES := $(CURDIR)/go-fixtures/build

.PHONY: all check-tools fixtures test test-go121 matrix demo bench bench-signatures stress fuzz clean inspect-jar

all: test

check-tools:
	@./.ci/check-tools

fixtures: check-tools
	$(MAKE) -C go-fixtures all

# mvn verify builds the fixtures itself (the go-fixtures module runs make) and runs the core tests once per Go
# release (the go1.NN Surefire executions of the parent pom).
test: check-tools
	$(MVN) $(MVNFLAGS) verify

# ---- Go release matrix and JDKs (issue 16) ----------------------------------------------------------------------
# make test-go1.22: the core tests of framework and junit-extension against one Go release's fixtures only.
test-go1.%: check-tools
	$(MAKE) -C go-fixtures go1.$*
	$(MVN) $(MVNFLAGS) -pl framework,junit-extension -am test-compile surefire:test@go1.$*

test-go121: test-go1.21

# JDK homes of the matrix; .ci/check-tools --matrix checks them.
JDK17_HOME ?= /usr/lib/jvm/java-17-openjdk-amd64
JDK25_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64

matrix:
	@JDK17_HOME=$(JDK17_HOME) JDK25_HOME=$(JDK25_HOME) ./.ci/matrix
# ---- end Go release matrix and JDKs -----------------------------------------------------------------------------

demo: check-tools
	@./examples/demo.sh

# Benchmarks, never part of make test: JMH (short warm-up and measurement, one fork per benchmark), gomonkey
# (benchmarks/peers, fetched through the Go module proxy), go tool nm, fresh JVMs for the cold start and the
# @PatchGoFunction harness. Prints one table of ratios, also written to benchmarks/target/results.md.
bench: check-tools fixtures
	$(MVN) $(MVNFLAGS) -Pbench -pl benchmarks -am verify -DskipTests -Dbench.skip=false \
	    -Dgojack.fixtures.dir=$(FIXTURES)

# Only the cold rows of opening libbigweb.so and reading signatures (fresh JVMs; go tool nm and the zlib floor as
# baselines from the same run): about a minute.
bench-signatures: check-tools fixtures
	$(MVN) $(MVNFLAGS) -Pbench -pl benchmarks -am verify -DskipTests -Dbench.skip=false -Dbench.signatures=true \
	    -Dgojack.fixtures.dir=$(FIXTURES)

# Issue 13 §1 in full: every case of PaddingHotPatchUnderGcTest (main.hot, main.warm; Go 1.26 and 1.21; with and
# without a 1 kHz CPU profile) STRESS_RUNS times for STRESS_SECONDS each, one JVM per run. make test runs it short.
STRESS_RUNS ?= 10
STRESS_SECONDS ?= 30
# STRESS_ONLY: a regex over the case names ("go1.21/noinline main.warm profileHz=1000"); empty = every case.
STRESS_ONLY ?=
stress: check-tools fixtures
	$(MVN) $(MVNFLAGS) -pl framework -am test -Dtest=PaddingHotPatchUnderGcTest -Dsurefire.failIfNoSpecifiedTests=false \
	    -Dgojack.stress.runs=$(STRESS_RUNS) -Dgojack.stress.seconds=$(STRESS_SECONDS) -Dgojack.fixtures.dir=$(FIXTURES) \
	    -Dgojack.stress.only='$(STRESS_ONLY)'

# Fuzz every parser of untrusted bytes for real (Jazzer), FUZZ_TIME per target; make test only replays the
# corpus. An input slower than 10 s counts as a hang (libFuzzer -timeout, passed as a Jazzer argument). A finding
# stops the loop and is saved as a crash-*/timeout-* file next to the corpus in
# framework/src/test/resources/dev/gojack/fuzz/ParserFuzzTestInputs/<target>/.
FUZZ_TIME ?= 60s
FUZZ_TARGETS ?= elf buildInfo pclntab inlineTrees goBinaryOpen mutatedLibrary dwarf
fuzz: check-tools fixtures
	@for t in $(FUZZ_TARGETS); do \
	    echo "== fuzzing ParserFuzzTest#$$t for $(FUZZ_TIME)"; \
	    JAZZER_FUZZ=1 $(MVN) $(MVNFLAGS) -pl framework test -Dtest="ParserFuzzTest#$$t" \
	        -Djazzer.max_duration=$(FUZZ_TIME) -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout=10 \
	        -Dgojack.fixtures.dir=$(FIXTURES) || exit 1; \
	done

clean:
	-$(MVN) $(MVNFLAGS) -q clean
	$(MAKE) -C go-fixtures clean
