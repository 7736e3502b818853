// Command calls is the GoJack fixture for every way Go code can reach a
// function: direct calls, calls through func values, method values, method
// expressions, interface dispatch and closures (the pairings described in
// "Go 1.1 Function Calls"). It also holds a concurrency stress loop, a
// deliberately inlined function, tiny leaf functions and functions whose
// argument sizes differ.
//
// Built with -buildmode=c-shared; every entry point below is exported to C.
// README.md lists the exact Go symbol names the tests patch.
package main

import "C"

import (
	"sync"
	"sync/atomic"
)

func main() {}

// ---------------------------------------------------------------------------
// Targets and their replacements.
// ---------------------------------------------------------------------------

// add is the basic patch target: a top-level function.
//
//go:noinline
func add(a, b int) int { return a + b }

// addReplacement has add's signature and a clearly different result.
//
//go:noinline
func addReplacement(a, b int) int { return a*100 + b }

// Counter has one value-receiver method and one pointer-receiver method.
type Counter struct{ base int }

// Value is a value-receiver method: main.Counter.Value. Calls through an
// interface reach it via the compiler-generated wrapper main.(*Counter).Value.
//
//go:noinline
func (c Counter) Value(x int) int { return c.base + x }

// Scaled is a pointer-receiver method: main.(*Counter).Scaled.
//
//go:noinline
func (c *Counter) Scaled(x int) int { return c.base * x }

// counterValueReplacement takes Value's receiver as its first argument, which
// is where the register ABI passes a method's receiver.
//
//go:noinline
func counterValueReplacement(c Counter, x int) int { return 1_000_000 + c.base + x }

// counterScaledReplacement is the same for the pointer-receiver method.
//
//go:noinline
func counterScaledReplacement(c *Counter, x int) int { return 2_000_000 + c.base*x }

// ---------------------------------------------------------------------------
// Helpers that keep the compiler from resolving indirect calls statically.
// ---------------------------------------------------------------------------

type valueGetter interface{ Value(x int) int }

type scaledGetter interface{ Scaled(x int) int }

// The as* helpers hide the dynamic type from the caller, so the interface
// calls below cannot be devirtualised.

//go:noinline
func asValueGetter(c Counter) valueGetter { return c }

//go:noinline
func asValueGetterPtr(c *Counter) valueGetter { return c }

//go:noinline
func asScaledGetter(c *Counter) scaledGetter { return c }

// The call* helpers receive the func value as an argument, so the call they
// make is always an indirect call through the func value.

//go:noinline
func callIntFunc(f func(int) int, x int) int { return f(x) }

//go:noinline
func callIntIntFunc(f func(int, int) int, a, b int) int { return f(a, b) }

//go:noinline
func callCounterFunc(f func(Counter, int) int, c Counter, x int) int { return f(c, x) }

//go:noinline
func callCounterPtrFunc(f func(*Counter, int) int, c *Counter, x int) int { return f(c, x) }

// addFuncs holds add as a func value; package data can change at run time,
// so the compiler cannot turn addFuncs[0](a, b) into a direct call.
var addFuncs = []func(int, int) int{add}

// ---------------------------------------------------------------------------
// Call kinds for add.
// ---------------------------------------------------------------------------

//export CallAddDirect
func CallAddDirect(a, b C.longlong) C.longlong {
	return C.longlong(add(int(a), int(b)))
}

//export CallAddViaFuncValue
func CallAddViaFuncValue(a, b C.longlong) C.longlong {
	return C.longlong(addFuncs[0](int(a), int(b)))
}

//export CallAddViaFuncArg
func CallAddViaFuncArg(a, b C.longlong) C.longlong {
	return C.longlong(callIntIntFunc(add, int(a), int(b)))
}

//export CallAddViaClosure
func CallAddViaClosure(a, b C.longlong) C.longlong {
	return C.longlong(callIntIntFunc(addClosure, int(a), int(b)))
}

//export CallAddViaCapturingClosure
func CallAddViaCapturingClosure(a, b C.longlong) C.longlong {
	f := makeAddTo(int(a))
	return C.longlong(callIntFunc(f, int(b)))
}

//export CallAddDeferred
func CallAddDeferred(a, b C.longlong) (r C.longlong) {
	defer func() { r = C.longlong(add(int(a), int(b))) }()
	return -1
}

//export CallAddInGoroutine
func CallAddInGoroutine(a, b C.longlong) C.longlong {
	ch := make(chan int, 1)
	go func() { ch <- add(int(a), int(b)) }()
	return C.longlong(<-ch)
}

// addClosure is a func literal without captured variables that calls add.
var addClosure = makeAddClosure()

//go:noinline
func makeAddClosure() func(int, int) int {
	return func(a, b int) int { return add(a, b) }
}

// makeAddTo returns a closure capturing a that calls add(a, b).
//
//go:noinline
func makeAddTo(a int) func(int) int {
	return func(b int) int { return add(a, b) }
}

// ---------------------------------------------------------------------------
// Call kinds for the value-receiver method main.Counter.Value.
// ---------------------------------------------------------------------------

//export CallValueMethodDirect
func CallValueMethodDirect(base, x C.longlong) C.longlong {
	c := Counter{base: int(base)}
	return C.longlong(c.Value(int(x)))
}

//export CallValueMethodViaPointer
func CallValueMethodViaPointer(base, x C.longlong) C.longlong {
	p := &Counter{base: int(base)}
	return C.longlong(p.Value(int(x)))
}

//export CallValueMethodViaMethodValue
func CallValueMethodViaMethodValue(base, x C.longlong) C.longlong {
	c := Counter{base: int(base)}
	return C.longlong(callIntFunc(c.Value, int(x)))
}

//export CallValueMethodViaMethodExpr
func CallValueMethodViaMethodExpr(base, x C.longlong) C.longlong {
	return C.longlong(callCounterFunc(Counter.Value, Counter{base: int(base)}, int(x)))
}

//export CallValueMethodViaPtrMethodExpr
func CallValueMethodViaPtrMethodExpr(base, x C.longlong) C.longlong {
	return C.longlong(callCounterPtrFunc((*Counter).Value, &Counter{base: int(base)}, int(x)))
}

//export CallValueMethodViaInterface
func CallValueMethodViaInterface(base, x C.longlong) C.longlong {
	return C.longlong(asValueGetter(Counter{base: int(base)}).Value(int(x)))
}

//export CallValueMethodViaPtrInterface
func CallValueMethodViaPtrInterface(base, x C.longlong) C.longlong {
	return C.longlong(asValueGetterPtr(&Counter{base: int(base)}).Value(int(x)))
}

// ---------------------------------------------------------------------------
// Call kinds for the pointer-receiver method main.(*Counter).Scaled.
// ---------------------------------------------------------------------------

//export CallPtrMethodDirect
func CallPtrMethodDirect(base, x C.longlong) C.longlong {
	p := &Counter{base: int(base)}
	return C.longlong(p.Scaled(int(x)))
}

//export CallPtrMethodOnAddressable
func CallPtrMethodOnAddressable(base, x C.longlong) C.longlong {
	var c Counter
	c.base = int(base)
	return C.longlong(c.Scaled(int(x)))
}

//export CallPtrMethodViaMethodValue
func CallPtrMethodViaMethodValue(base, x C.longlong) C.longlong {
	p := &Counter{base: int(base)}
	return C.longlong(callIntFunc(p.Scaled, int(x)))
}

//export CallPtrMethodViaMethodExpr
func CallPtrMethodViaMethodExpr(base, x C.longlong) C.longlong {
	return C.longlong(callCounterPtrFunc((*Counter).Scaled, &Counter{base: int(base)}, int(x)))
}

//export CallPtrMethodViaInterface
func CallPtrMethodViaInterface(base, x C.longlong) C.longlong {
	return C.longlong(asScaledGetter(&Counter{base: int(base)}).Scaled(int(x)))
}

// ---------------------------------------------------------------------------
// Closures as patch targets.
// ---------------------------------------------------------------------------

// plainClosure is a func literal without captured variables:
// main.makePlainClosure.func1, computing a*a + b.
var plainClosure = makePlainClosure()

//go:noinline
func makePlainClosure() func(int, int) int {
	return func(a, b int) int { return a*a + b }
}

// plainClosureReplacement has plainClosure's signature.
//
//go:noinline
func plainClosureReplacement(a, b int) int { return a*a*a + b }

// offsetAdder is a closure capturing offset = 10:
// main.makeOffsetAdder.func1, computing x + offset.
var offsetAdder = makeOffsetAdder(10)

//go:noinline
func makeOffsetAdder(offset int) func(int) int {
	return func(x int) int { return x + offset }
}

// makeOffsetMultiplier's closure, main.makeOffsetMultiplier.func1, captures
// one int exactly as makeOffsetAdder's does, so redirecting
// main.makeOffsetAdder.func1 to it makes offsetAdder compute x * 10: the
// replacement code reads the captured variable through the closure context
// register of the original func value.
//
//go:noinline
func makeOffsetMultiplier(factor int) func(int) int {
	return func(x int) int { return x * factor }
}

//export CallClosureNoCapture
func CallClosureNoCapture(a, b C.longlong) C.longlong {
	return C.longlong(plainClosure(int(a), int(b)))
}

//export CallClosureWithCapture
func CallClosureWithCapture(x C.longlong) C.longlong {
	return C.longlong(offsetAdder(int(x)))
}

// scaler is a package variable holding a closure with captured state
// (factor 7, main.makeScaler.func1). Tests can redirect a func(int) int such
// as main.oneArg to the func value stored here.
var scaler = makeScaler(7)

//go:noinline
func makeScaler(factor int) func(int) int {
	return func(x int) int { return x * factor }
}

//export CallScaler
func CallScaler(x C.longlong) C.longlong {
	return C.longlong(scaler(int(x)))
}

// ---------------------------------------------------------------------------
// Concurrency stress: goroutines calling add in a tight loop.
// ---------------------------------------------------------------------------

const (
	stressOriginal    = 0
	stressReplacement = 1
	stressOther       = 2
)

var stress struct {
	mu     sync.Mutex // serialises StressStart and StressStop
	stop   atomic.Bool
	wg     sync.WaitGroup
	counts [3]atomic.Int64
}

func stressWorker(seed int) {
	defer stress.wg.Done()
	var local [3]int64
	flush := func() {
		for i := range local {
			if local[i] != 0 {
				stress.counts[i].Add(local[i])
				local[i] = 0
			}
		}
	}
	defer flush()
	for n := seed; !stress.stop.Load(); n++ {
		a := n%1000 + 1
		switch add(a, 2) {
		case a + 2:
			local[stressOriginal]++
		case a*100 + 2:
			local[stressReplacement]++
		default:
			local[stressOther]++
		}
		if n&255 == 0 {
			flush()
		}
	}
}

func stopStress() {
	stress.stop.Store(true)
	stress.wg.Wait()
}

//export StressStart
func StressStart(goroutines C.int) {
	stress.mu.Lock()
	defer stress.mu.Unlock()
	stopStress()
	for i := range stress.counts {
		stress.counts[i].Store(0)
	}
	stress.stop.Store(false)
	for i := 0; i < int(goroutines); i++ {
		stress.wg.Add(1)
		go stressWorker(i * 7919)
	}
}

//export StressStop
func StressStop() {
	stress.mu.Lock()
	defer stress.mu.Unlock()
	stopStress()
}

//export StressCount
func StressCount(kind C.int) C.longlong {
	if kind < 0 || int(kind) >= len(stress.counts) {
		return -1
	}
	return C.longlong(stress.counts[kind].Load())
}

// ---------------------------------------------------------------------------
// Inlining.
// ---------------------------------------------------------------------------

// tiny has no //go:noinline: the default variant inlines it into its
// callers. keepAlive also references it, so a standalone copy of main.tiny
// exists in every variant even where the calls are inlined.
func tiny(x int) int { return x*3 + 1 }

//go:noinline
func tinyReplacement(x int) int { return x * 1000 }

//export CallTinyA
func CallTinyA(x C.longlong) C.longlong {
	return C.longlong(tiny(int(x)))
}

//export CallTinyB
func CallTinyB(x C.longlong) C.longlong {
	return C.longlong(2 * tiny(int(x)))
}

// inlinedOnly is inlined in the default variant and nothing else refers to
// it, so the default variant has no main.inlinedOnly symbol at all; it only
// appears in the inline tree of its caller.
func inlinedOnly(x int) int { return x*5 + 2 }

//export CallInlinedOnly
func CallInlinedOnly(x C.longlong) C.longlong {
	return C.longlong(inlinedOnly(int(x)))
}

// ---------------------------------------------------------------------------
// Very short leaf functions.
// ---------------------------------------------------------------------------

// leafConst compiles to MOVL $42, AX; RET (6 bytes).
//
//go:noinline
func leafConst() int { return 42 }

//go:noinline
func leafConstReplacement() int { return 4242 }

// leafIdentity compiles to a single RET: the argument and the result both
// live in AX.
//
//go:noinline
func leafIdentity(x int) int { return x }

//go:noinline
func leafIdentityReplacement(x int) int { return x + 1 }

//export CallLeafConst
func CallLeafConst() C.longlong { return C.longlong(leafConst()) }

//export CallLeafIdentity
func CallLeafIdentity(x C.longlong) C.longlong { return C.longlong(leafIdentity(int(x))) }

// ---------------------------------------------------------------------------
// Different argument sizes, for signature-mismatch refusals.
// ---------------------------------------------------------------------------

//go:noinline
func threeArgs(a, b, c int) int { return a + b + c }

//go:noinline
func oneArg(a int) int { return a + 1 }

//go:noinline
func oneArgReplacement(a int) int { return a * 2 }

//export CallThreeArgs
func CallThreeArgs(a, b, c C.longlong) C.longlong {
	return C.longlong(threeArgs(int(a), int(b), int(c)))
}

//export CallOneArg
func CallOneArg(a C.longlong) C.longlong { return C.longlong(oneArg(int(a))) }

// ---------------------------------------------------------------------------
// Keep-alive registry.
// ---------------------------------------------------------------------------

// keepAlive references every function that no Go code calls but that tests
// redirect to (or look up by name). GoJackKeepAlive is exported, and
// therefore a root for the linker's dead-code elimination; it reads
// keepAlive, so everything listed here survives in every build variant.
var keepAlive = [...]any{
	addReplacement,
	counterValueReplacement,
	counterScaledReplacement,
	plainClosureReplacement,
	makeOffsetMultiplier,
	tiny,
	tinyReplacement,
	leafConstReplacement,
	leafIdentityReplacement,
	oneArgReplacement,
}

// GoJackKeepAlive returns the number of functions kept alive.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int {
	n := 0
	for _, f := range keepAlive {
		if f != nil {
			n++
		}
	}
	return C.int(n)
}
