// Command refusals is the GoJack fixture for patches GoJack must refuse: assembly (ABI0) functions, the
// runtime's own functions, a redirect of a function to itself, func variables that hold no func value,
// interface sources that hold no interface value. It also holds a package variable for nested variable
// patches and a harmless runtime call (runtime.NumCPU) for PatchOption.ALLOW_RUNTIME.
//
// Built with -buildmode=c-shared -gcflags=all=-l (linux/amd64 only: it has an assembly file); README.md
// documents every entry point.
package main

import "C"

import (
	"errors"
	"runtime"
	"time"

	"example.com/gojack/fixtures/internal/asmfuncs"
)

func main() {}

// ---------------------------------------------------------------------------
// Assembly (ABI0) functions are in internal/asmfuncs (Add, Sub, Answer): arguments and results on the stack.
// ---------------------------------------------------------------------------

// Go (ABIInternal) functions of the same sizes: arguments and results in registers.

//go:noinline
func goAdd(a, b int64) int64 { return a + b }

//go:noinline
func goMul(a, b int64) int64 { return a * b }

//go:noinline
func goAnswer() int64 { return 7 }

//export GoAsmAdd
func GoAsmAdd(a, b C.longlong) C.longlong { return C.longlong(asmfuncs.Add(int64(a), int64(b))) }

//export GoAsmSub
func GoAsmSub(a, b C.longlong) C.longlong { return C.longlong(asmfuncs.Sub(int64(a), int64(b))) }

//export GoAsmInc
func GoAsmInc(a C.longlong) C.longlong { return C.longlong(asmfuncs.Inc(int64(a))) }

//export GoAsmAnswer
func GoAsmAnswer() C.longlong { return C.longlong(asmfuncs.Answer()) }

//export GoAdd
func GoAdd(a, b C.longlong) C.longlong { return C.longlong(goAdd(int64(a), int64(b))) }

//export GoAnswer
func GoAnswer() C.longlong { return C.longlong(goAnswer()) }

// ---------------------------------------------------------------------------
// The runtime and package time.
// ---------------------------------------------------------------------------

//export GoNumCPU
func GoNumCPU() C.longlong { return C.longlong(runtime.NumCPU()) }

//export GoNowUnixNano
func GoNowUnixNano() C.longlong { return C.longlong(time.Now().UnixNano()) }

//export GoSleepMillis
func GoSleepMillis(ms C.longlong) { time.Sleep(time.Duration(ms) * time.Millisecond) }

// ---------------------------------------------------------------------------
// Variables that look like func values or interface values and are not.
// ---------------------------------------------------------------------------

var (
	notAFunc       int64 = 5
	nilFunc        func(a, b int64) int64
	mulFunc              = goMul
	notAnInterface       = "hello"
	failure        error = errors.New("boom")
	gInt           int64 = 5
)

//go:noinline
func compute(a, b int64) int64 { return a + b + 1000 }

//export GoCompute
func GoCompute(a, b C.longlong) C.longlong { return C.longlong(compute(int64(a), int64(b))) }

//go:noinline
func check() error { return nil }

// GoCheckMessageLength calls check() and returns -1 for nil, else the length of Error().
//
//export GoCheckMessageLength
func GoCheckMessageLength() C.longlong {
	err := check()
	if err == nil {
		return -1
	}
	return C.longlong(len(err.Error()))
}

//go:noinline
func loadGInt() int64 { return gInt }

//export GoGInt
func GoGInt() C.longlong { return C.longlong(loadGInt()) }

// GoJackKeepAlive reads every variable (so the linker keeps them) and returns the number of non-zero ones.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int {
	n := 0
	for _, nonZero := range []bool{notAFunc != 0, nilFunc != nil, mulFunc != nil, notAnInterface != "",
		failure != nil, gInt != 0} {
		if nonZero {
			n++
		}
	}
	return C.int(n)
}
