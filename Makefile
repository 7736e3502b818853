# GoJack — the two commands of the README, and the pieces they are made of.
#
#   make demo      build what is needed, then show GoJack at work on a fixture library
#   make test      the whole test suite: everything with the machine's Go, then the core
#                  tests again against fixtures built by the oldest supported Go (1.21)
#   make fixtures  build the Go fixture libraries only
#   make bench     benchmarks (not part of make test)
#   make clean     remove every build output

MVN      ?= mvn
MVNFLAGS ?= -B -ntp
GO       ?= go
FIXTURES := $(CURDIR)/go-fixtures/build

.PHONY: all check-tools fixtures test test-go121 demo bench clean inspect-jar

all: test

check-tools:
	@./.ci/check-tools

fixtures: check-tools
	$(MAKE) -C go-fixtures all

# mvn verify builds the fixtures itself (the go-fixtures module runs make).
test: check-tools
	$(MVN) $(MVNFLAGS) verify
	$(MAKE) test-go121

# The same core tests, against libraries built by Go 1.21.
test-go121:
	$(MVN) $(MVNFLAGS) -pl framework surefire:test -Dgroups=core \
	    -Dgojack.fixtures.dir=$(FIXTURES)/go1.21

demo: check-tools
	@$(MVN) $(MVNFLAGS) -q install -DskipTests
	@echo
	@echo "== gojack inspect: what GoJack finds in a Go library, without loading it"
	@java -jar framework/target/gojack-framework-*.jar inspect $(FIXTURES)/default/libcalls.so \
	    --functions '^main\.(add|tiny|leafConst|Counter)' --inlined main.tiny
	@echo
	@echo "== the examples: real JUnit tests that patch Go from Java"
	@$(MVN) $(MVNFLAGS) -q -pl examples surefire:test -Dsurefire.printSummary=true \
	    -DtrimStackTrace=true -Dgojack.demo=true

clean:
	-$(MVN) $(MVNFLAGS) -q clean
	$(MAKE) -C go-fixtures clean
