// Command vars is the GoJack fixture for package variables of many types and
// for functions returning many types, so tests can overwrite variables and
// replace functions with return stubs.
//
// Built with -buildmode=c-shared; README.md documents every entry point and
// the exact names of the variables and functions.
package main

import "C"

import (
	"errors"
	"io"
	"strconv"
	"unsafe"

	"example.com/gojack/fixtures/internal/cbuf"
)

func main() {}

// ---------------------------------------------------------------------------
// Package variables. Each is statically initialised (its symbol holds the
// value in the file) and only read through a noinline getter, so no read can
// be constant-folded or cached across calls.
// ---------------------------------------------------------------------------

var (
	counter      int64   = 41
	level        int32   = -7
	small        int8    = -3
	port         uint16  = 8080
	flags        uint64  = 0xDEADBEEF
	enabled      bool    = true
	ratio        float64 = 1.5
	ratio32      float32 = 2.25
	greeting     string  = "hello"
	transform            = double
	altTransform         = triple
	target               = &counter
	otherTarget  int64   = 99
)

//go:noinline
func double(x int) int { return x * 2 }

//go:noinline
func triple(x int) int { return x * 3 }

//go:noinline
func loadCounter() int64 { return counter }

//go:noinline
func loadLevel() int32 { return level }

//go:noinline
func loadSmall() int8 { return small }

//go:noinline
func loadPort() uint16 { return port }

//go:noinline
func loadFlags() uint64 { return flags }

//go:noinline
func loadEnabled() bool { return enabled }

//go:noinline
func loadRatio() float64 { return ratio }

//go:noinline
func loadRatio32() float32 { return ratio32 }

//go:noinline
func loadGreeting() string { return greeting }

//go:noinline
func loadTransform() func(int) int { return transform }

//go:noinline
func loadAltTransform() func(int) int { return altTransform }

//go:noinline
func loadTarget() *int64 { return target }

//export GetCounter
func GetCounter() C.longlong { return C.longlong(loadCounter()) }

// IncrementCounter adds 1 to counter and returns the new value.
//
//export IncrementCounter
func IncrementCounter() C.longlong {
	counter++
	return C.longlong(loadCounter())
}

//export GetLevel
func GetLevel() C.int { return C.int(loadLevel()) }

//export GetSmall
func GetSmall() C.int { return C.int(loadSmall()) }

//export GetPort
func GetPort() C.int { return C.int(loadPort()) }

//export GetFlags
func GetFlags() C.ulonglong { return C.ulonglong(loadFlags()) }

//export GetEnabled
func GetEnabled() C.int { return boolToC(loadEnabled()) }

//export GetRatio
func GetRatio() C.double { return C.double(loadRatio()) }

//export GetRatio32
func GetRatio32() C.float { return C.float(loadRatio32()) }

//export GetGreeting
func GetGreeting(buf *C.char, n C.int) C.int { return put(buf, n, loadGreeting()) }

//export ApplyTransform
func ApplyTransform(x C.longlong) C.longlong { return C.longlong(loadTransform()(int(x))) }

//export ApplyAltTransform
func ApplyAltTransform(x C.longlong) C.longlong { return C.longlong(loadAltTransform()(int(x))) }

// DerefTarget returns *target, or -1 when target is nil.
//
//export DerefTarget
func DerefTarget() C.longlong {
	p := loadTarget()
	if p == nil {
		return -1
	}
	return C.longlong(*p)
}

//export GetOtherTarget
func GetOtherTarget() C.longlong { return C.longlong(otherTarget) }

// ---------------------------------------------------------------------------
// Functions returning various types, for return-stub tests.
// ---------------------------------------------------------------------------

var (
	errSentinel  = errors.New("sentinel")
	answerTarget = 7
)

//go:noinline
func answerInt() int { return 42 }

//go:noinline
func answerInt32() int32 { return -32 }

//go:noinline
func answerInt8() int8 { return -8 }

//go:noinline
func answerUint16() uint16 { return 16000 }

//go:noinline
func answerBool() bool { return true }

//go:noinline
func answerFloat64() float64 { return 3.25 }

//go:noinline
func answerFloat32() float32 { return 1.5 }

//go:noinline
func answerString() string { return "original" }

//go:noinline
func answerPair() (int, string) { return 7, "seven" }

//go:noinline
func answerError() error { return nil }

//go:noinline
func answerPointer() *int { return &answerTarget }

//go:noinline
func answerSlice() []int { return []int{1, 2, 3} }

//go:noinline
func answerTriple() (int64, float64, bool) { return 64, 6.4, true }

//export CallAnswerInt
func CallAnswerInt() C.longlong { return C.longlong(answerInt()) }

//export CallAnswerInt32
func CallAnswerInt32() C.int { return C.int(answerInt32()) }

//export CallAnswerInt8
func CallAnswerInt8() C.int { return C.int(answerInt8()) }

//export CallAnswerUint16
func CallAnswerUint16() C.int { return C.int(answerUint16()) }

//export CallAnswerBool
func CallAnswerBool() C.int { return boolToC(answerBool()) }

//export CallAnswerFloat64
func CallAnswerFloat64() C.double { return C.double(answerFloat64()) }

//export CallAnswerFloat32
func CallAnswerFloat32() C.float { return C.float(answerFloat32()) }

//export CallAnswerString
func CallAnswerString(buf *C.char, n C.int) C.int { return put(buf, n, answerString()) }

// CallAnswerPair writes "<int>|<string>", e.g. "7|seven".
//
//export CallAnswerPair
func CallAnswerPair(buf *C.char, n C.int) C.int {
	i, s := answerPair()
	return put(buf, n, strconv.Itoa(i)+"|"+s)
}

//export CallAnswerErrorIsNil
func CallAnswerErrorIsNil() C.int { return boolToC(answerError() == nil) }

// CallAnswerErrorMessage writes answerError().Error(), or "" when it is nil.
//
//export CallAnswerErrorMessage
func CallAnswerErrorMessage(buf *C.char, n C.int) C.int {
	err := answerError()
	if err == nil {
		return put(buf, n, "")
	}
	return put(buf, n, err.Error())
}

//export CallAnswerErrorIsSentinel
func CallAnswerErrorIsSentinel() C.int { return boolToC(errors.Is(answerError(), errSentinel)) }

//export CallAnswerErrorIsEOF
func CallAnswerErrorIsEOF() C.int { return boolToC(errors.Is(answerError(), io.EOF)) }

//export CallAnswerPointerIsNil
func CallAnswerPointerIsNil() C.int { return boolToC(answerPointer() == nil) }

// CallAnswerPointerValue returns *answerPointer(), or -1 when it is nil.
//
//export CallAnswerPointerValue
func CallAnswerPointerValue() C.longlong {
	p := answerPointer()
	if p == nil {
		return -1
	}
	return C.longlong(*p)
}

//export CallAnswerSliceLen
func CallAnswerSliceLen() C.longlong { return C.longlong(len(answerSlice())) }

//export CallAnswerSliceSum
func CallAnswerSliceSum() C.longlong {
	sum := 0
	for _, v := range answerSlice() {
		sum += v
	}
	return C.longlong(sum)
}

// CallAnswerTriple writes "<int64>|<float64>|<bool>", e.g. "64|6.4|true";
// the float is formatted with strconv.FormatFloat(f, 'g', -1, 64).
//
//export CallAnswerTriple
func CallAnswerTriple(buf *C.char, n C.int) C.int {
	i, f, b := answerTriple()
	return put(buf, n, strconv.FormatInt(i, 10)+"|"+strconv.FormatFloat(f, 'g', -1, 64)+"|"+strconv.FormatBool(b))
}

// SentinelMessage writes errSentinel.Error() ("sentinel").
//
//export SentinelMessage
func SentinelMessage(buf *C.char, n C.int) C.int { return put(buf, n, errSentinel.Error()) }

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

func boolToC(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

func put(buf *C.char, n C.int, s string) C.int {
	return C.int(cbuf.Write(unsafe.Pointer(buf), int(n), s))
}

// GoJackKeepAlive is exported by every fixture and returns the number of
// functions it keeps alive. Everything here is reached from an export, so
// there is nothing to keep alive.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int { return 0 }

// ---------------------------------------------------------------------------
// Package state every caller shares (issue 14): a circuit breaker that opens
// after three failed charges and then stays open for every later caller, the
// state GoLibrary.snapshot and @RestoreGoVariables put back between tests.
// breakerOpen and breakerFailures are pointer-free (.noptrbss); breakerState
// is a string, so it lives in .bss with the pointer-holding variables.
// ---------------------------------------------------------------------------

var (
	breakerOpen     bool
	breakerFailures int64
	breakerState    = "closed"
)

// breakerCharge records one charge attempt: 0 charged, 1 failed, 2 refused
// because the breaker is open.
//
//go:noinline
func breakerCharge(fail bool) int {
	if breakerOpen {
		return 2
	}
	if !fail {
		return 0
	}
	breakerFailures++
	if breakerFailures >= 3 {
		breakerOpen = true
		breakerState = "open"
	}
	return 1
}

//export BreakerCharge
func BreakerCharge(fail C.int) C.int { return C.int(breakerCharge(fail != 0)) }

//export BreakerIsOpen
func BreakerIsOpen() C.int { return boolToC(breakerOpen) }

//export BreakerFailures
func BreakerFailures() C.longlong { return C.longlong(breakerFailures) }

// BreakerState writes breakerState ("closed", or "open" once it opened).
//
//export BreakerState
func BreakerState(buf *C.char, n C.int) C.int { return put(buf, n, breakerState) }
