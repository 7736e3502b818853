// Command hot is the GoJack fixture for hot-patching functions that
// goroutines call in a tight loop while the garbage collector scans their
// stacks and the CPU profiler takes tracebacks (issue 13, section 1).
//
// main.hot is a 4-byte leaf (INCQ AX; RET, a 3-byte first instruction): it is
// patched through its own tail padding, so the parked jump lies at a PC the
// runtime attributes to main.hot itself. main.warm starts with the 4-byte
// stack check CMPQ SP, 16(R14) and is longer than 5 bytes: its parked jump
// lies in the padding BEFORE its entry, at a PC the runtime attributes to
// the previous function, main.pad. Built with -gcflags=all=-l.
package main

import "C"

import (
	"io"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"unsafe"

	"example.com/gojack/fixtures/internal/cbuf"
)

func main() {}

// hot is the tight-loop target: a leaf with no frame and no stack check.
//
//go:noinline
func hot(x int) int { return x + 1 }

// hotReplacement is what the tests redirect hot to.
//
//go:noinline
func hotReplacement(x int) int { return x + 2 }

// pad sits right before warm: its tail padding is where warm's parked jump goes.
//
//go:noinline
func pad(x int) int { return x ^ 0x5a5a }

// warm has a stack check (it calls cold) and is longer than a jump.
//
//go:noinline
func warm(x int) int { return cold(x) * 3 }

//go:noinline
func cold(x int) int { return x + 7 }

// warmReplacement is what the tests redirect warm to.
//
//go:noinline
func warmReplacement(x int) int { return x*3 + 1 }

var (
	stop     atomic.Bool
	calls    atomic.Int64
	wrong    atomic.Int64
	gcs      atomic.Int64
	running  sync.WaitGroup
	profiler atomic.Bool
)

// StartLoops starts n goroutines calling hot (which = 0) or warm (which = 1)
// in a tight loop, counting every result that is neither the original's nor
// the replacement's. Direct calls: every call goes through the patched entry.
//
//export StartLoops
func StartLoops(which, n C.int) {
	for k := 0; k < int(n); k++ {
		running.Add(1)
		if which == 0 {
			go loopHot()
		} else {
			go loopWarm()
		}
	}
}

func loopHot() {
	defer running.Done()
	for i := 0; !stop.Load(); i++ {
		for j := 0; j < 1000; j++ {
			x := i + j
			r := hot(x)
			if r != x+1 && r != x+2 {
				wrong.Add(1)
			}
		}
		calls.Add(1000)
	}
}

func loopWarm() {
	defer running.Done()
	for i := 0; !stop.Load(); i++ {
		for j := 0; j < 1000; j++ {
			x := i + j
			r := warm(x)
			if r != (x+7)*3 && r != x*3+1 {
				wrong.Add(1)
			}
		}
		calls.Add(1000)
	}
}

// StartGC starts a goroutine that runs runtime.GC() back to back.
//
//export StartGC
func StartGC() {
	running.Add(1)
	go func() {
		defer running.Done()
		for !stop.Load() {
			runtime.GC()
			gcs.Add(1)
		}
	}()
}

// StartProfile starts a CPU profile written to nowhere, at rateHz samples a second.
//
//export StartProfile
func StartProfile(rateHz C.int) C.int {
	runtime.SetCPUProfileRate(int(rateHz)) // StartCPUProfile then keeps this rate
	if err := pprof.StartCPUProfile(io.Discard); err != nil {
		return 0
	}
	profiler.Store(true)
	return 1
}

// StopAll stops every loop and the profile, and waits for the goroutines.
//
//export StopAll
func StopAll() {
	stop.Store(true)
	running.Wait()
	if profiler.Load() {
		pprof.StopCPUProfile()
	}
}

//export Calls
func Calls() C.longlong { return C.longlong(calls.Load()) }

//export Wrong
func Wrong() C.longlong { return C.longlong(wrong.Load()) }

//export GCs
func GCs() C.longlong { return C.longlong(gcs.Load()) }

//export CallHot
func CallHot(x C.longlong) C.longlong { return C.longlong(hot(int(x))) }

//export CallWarm
func CallWarm(x C.longlong) C.longlong { return C.longlong(warm(int(x))) }

// CallReplacement calls hotReplacement (which = 0) or warmReplacement (1); it also keeps them linked.
//
//export CallReplacement
func CallReplacement(which C.int, x C.longlong) C.longlong {
	if which == 0 {
		return C.longlong(hotReplacement(int(x)))
	}
	return C.longlong(warmReplacement(int(x)))
}

//export CallPad
func CallPad(x C.longlong) C.longlong { return C.longlong(pad(int(x))) }

// FuncNameAt writes runtime.FuncForPC(pc).Name() into buf ("" when Go knows no function there).
//
//export FuncNameAt
func FuncNameAt(pc C.ulonglong, buf *C.char, n C.int) C.int {
	f := runtime.FuncForPC(uintptr(pc))
	name := ""
	if f != nil {
		name = f.Name()
	}
	return C.int(cbuf.Write(unsafe.Pointer(buf), int(n), name))
}

// LineAt returns the source line Go's tables give for pc (0 when they do not cover it).
//
//export LineAt
func LineAt(pc C.ulonglong) C.int {
	f := runtime.FuncForPC(uintptr(pc))
	if f == nil {
		return -1
	}
	_, line := f.FileLine(uintptr(pc))
	return C.int(line)
}

// AllStacks formats every goroutine's stack (runtime.Stack(all=true) stops the
// world and reads file and line strictly for every frame), returning its length.
//
//export AllStacks
func AllStacks() C.int {
	buf := make([]byte, 1<<20)
	return C.int(runtime.Stack(buf, true))
}

