// Command timers is the GoJack fixture for runtime timers under a fake clock
// that fires them (FakeClockOption.FIRES_TIMERS): every way Go code waits for
// time — time.After, NewTimer, Reset, AfterFunc, tickers, Sleep, context
// deadlines and a network deadline — started from an export, each reporting
// when it fired into a numbered probe; plus a stress load, a cron-like
// scheduler and a TTL cache whose cleanup ticker evicts entries.
//
// Built with -buildmode=c-shared; README.md documents every entry point.
package main

/*
#include <time.h>

// gojack_monotonic_nanos reads CLOCK_MONOTONIC straight from C through libc,
// the clock Java's System.nanoTime reads: not shifted by a fake clock.
static long long gojack_monotonic_nanos(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
*/
import "C"

import (
	"context"
	"errors"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {}

func realNanos() int64 { return int64(C.gojack_monotonic_nanos()) }

//export MonotonicNanos
func MonotonicNanos() C.longlong { return C.longlong(realNanos()) }

//export NowUnixNano
func NowUnixNano() C.longlong { return C.longlong(time.Now().UnixNano()) }

// ---------------------------------------------------------------------------
// Probes: each Start* export arms one waiting primitive; when it fires, the
// probe records the real time (C monotonic) and time.Now(), and counts.
// ---------------------------------------------------------------------------

const probes = 64

type probe struct {
	count   atomic.Int64 // times fired (ticks for tickers)
	realAt  atomic.Int64 // C monotonic nanos of the last firing
	nowAt   atomic.Int64 // time.Now().UnixNano() at the last firing
	recvAt  atomic.Int64 // the time received from the channel, Unix nanos (0 if none)
	stop    chan struct{}
	stopped atomic.Bool
}

var probeTable [probes]probe

func armed(id C.int) *probe {
	p := &probeTable[int(id)%probes]
	p.count.Store(0)
	p.realAt.Store(0)
	p.nowAt.Store(0)
	p.recvAt.Store(0)
	p.stop = make(chan struct{})
	p.stopped.Store(false)
	return p
}

func (p *probe) fire(received time.Time) {
	p.realAt.Store(realNanos())
	p.nowAt.Store(time.Now().UnixNano())
	if !received.IsZero() {
		p.recvAt.Store(received.UnixNano())
	}
	p.count.Add(1)
}

// ProbeCount returns how often probe id fired.
//
//export ProbeCount
func ProbeCount(id C.int) C.longlong { return C.longlong(probeTable[int(id)%probes].count.Load()) }

// ProbeRealAt returns the C monotonic nanos of probe id's last firing.
//
//export ProbeRealAt
func ProbeRealAt(id C.int) C.longlong { return C.longlong(probeTable[int(id)%probes].realAt.Load()) }

// ProbeNowAt returns time.Now().UnixNano() as seen when probe id last fired.
//
//export ProbeNowAt
func ProbeNowAt(id C.int) C.longlong { return C.longlong(probeTable[int(id)%probes].nowAt.Load()) }

// ProbeReceivedAt returns the time value the timer channel delivered (Unix nanos), 0 if none.
//
//export ProbeReceivedAt
func ProbeReceivedAt(id C.int) C.longlong { return C.longlong(probeTable[int(id)%probes].recvAt.Load()) }

// ProbeStop stops the ticker (or other repeating primitive) of probe id.
//
//export ProbeStop
func ProbeStop(id C.int) {
	p := &probeTable[int(id)%probes]
	if p.stopped.CompareAndSwap(false, true) {
		close(p.stop)
	}
}

// StartAfter waits on time.After(d).
//
//export StartAfter
func StartAfter(id C.int, d C.longlong) {
	p := armed(id)
	ch := time.After(time.Duration(d))
	go func() { p.fire(<-ch) }()
}

// StartNewTimer waits on time.NewTimer(d).C.
//
//export StartNewTimer
func StartNewTimer(id C.int, d C.longlong) {
	p := armed(id)
	t := time.NewTimer(time.Duration(d))
	go func() { p.fire(<-t.C) }()
}

// StartReset creates time.NewTimer(first), stops it, then Resets it to
// second and waits on its channel.
//
//export StartReset
func StartReset(id C.int, first, second C.longlong) {
	p := armed(id)
	t := time.NewTimer(time.Duration(first))
	if !t.Stop() {
		<-t.C
	}
	t.Reset(time.Duration(second))
	go func() { p.fire(<-t.C) }()
}

// StartAfterFunc arms time.AfterFunc(d, fire).
//
//export StartAfterFunc
func StartAfterFunc(id C.int, d C.longlong) {
	p := armed(id)
	time.AfterFunc(time.Duration(d), func() { p.fire(time.Time{}) })
}

// StartSleep starts a goroutine that calls time.Sleep(d), and returns once
// that goroutine is asleep (so the sleep's deadline is fixed when it returns).
//
//export StartSleep
func StartSleep(id C.int, d C.longlong) {
	p := armed(id)
	go func() {
		sleepProbe(time.Duration(d))
		p.fire(time.Time{})
	}()
	waitAsleep("main.sleepProbe")
}

//go:noinline
func sleepProbe(d time.Duration) { time.Sleep(d) }

// waitAsleep waits (at most 5 s) until a goroutine whose stack contains fn
// is in the sleep state.
func waitAsleep(fn string) {
	buf := make([]byte, 1<<20)
	for deadline := realNanos() + 5e9; realNanos() < deadline; runtime.Gosched() {
		n := runtime.Stack(buf, true)
		for _, g := range strings.Split(string(buf[:n]), "\n\n") {
			if strings.Contains(g, "[sleep") && strings.Contains(g, fn) {
				return
			}
		}
	}
}

// StartContextTimeout waits on ctx.Done() of context.WithTimeout(d).
//
//export StartContextTimeout
func StartContextTimeout(id C.int, d C.longlong) {
	p := armed(id)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(d))
	go func() {
		defer cancel()
		<-ctx.Done()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			p.fire(time.Time{})
		}
	}()
}

// StartContextDeadline waits on ctx.Done() of context.WithDeadline(time.Now().Add(d)).
//
//export StartContextDeadline
func StartContextDeadline(id C.int, d C.longlong) {
	p := armed(id)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Duration(d)))
	go func() {
		defer cancel()
		<-ctx.Done()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			p.fire(time.Time{})
		}
	}()
}

// StartAcceptDeadline listens on 127.0.0.1 (an ephemeral port), sets a
// deadline of time.Now().Add(d) and calls Accept; the probe fires when Accept
// fails with a timeout (os.ErrDeadlineExceeded). Returns 0, or -1 when the
// listener cannot be created.
//
//export StartAcceptDeadline
func StartAcceptDeadline(id C.int, d C.longlong) C.int {
	p := armed(id)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return -1
	}
	tl := l.(*net.TCPListener)
	if err := tl.SetDeadline(time.Now().Add(time.Duration(d))); err != nil {
		l.Close()
		return -1
	}
	go func() {
		defer l.Close()
		_, err := tl.Accept()
		if errors.Is(err, os.ErrDeadlineExceeded) {
			p.fire(time.Time{})
		}
	}()
	return 0
}

// StartTicker counts the ticks of time.NewTicker(period) until ProbeStop.
//
//export StartTicker
func StartTicker(id C.int, period C.longlong) {
	p := armed(id)
	t := time.NewTicker(time.Duration(period))
	go func() {
		defer t.Stop()
		for {
			select {
			case v := <-t.C:
				p.fire(v)
			case <-p.stop:
				return
			}
		}
	}()
}

// StartTick counts the values of time.Tick(period) until ProbeStop (the
// ticker itself is collected once unreachable, Go 1.23+).
//
//export StartTick
func StartTick(id C.int, period C.longlong) {
	p := armed(id)
	ch := time.Tick(time.Duration(period))
	go func() {
		for {
			select {
			case v := <-ch:
				p.fire(v)
			case <-p.stop:
				return
			}
		}
	}()
}

// ---------------------------------------------------------------------------
// Monotonic readings across an advance.
// ---------------------------------------------------------------------------

var taken struct {
	sync.Mutex
	t time.Time
}

// TakeNow stores time.Now() (with its monotonic reading).
//
//export TakeNow
func TakeNow() {
	taken.Lock()
	defer taken.Unlock()
	taken.t = time.Now()
}

// SinceTaken returns time.Since of the time stored by TakeNow, in nanoseconds:
// computed from the monotonic readings.
//
//export SinceTaken
func SinceTaken() C.longlong {
	taken.Lock()
	defer taken.Unlock()
	return C.longlong(time.Since(taken.t))
}

// TakenHasMonotonic returns 1 when the stored time carries a monotonic
// reading (its String() has an "m=" part).
//
//export TakenHasMonotonic
func TakenHasMonotonic() C.int {
	taken.Lock()
	defer taken.Unlock()
	if taken.t != taken.t.Round(0) {
		return 1
	}
	return 0
}

// ---------------------------------------------------------------------------
// Stress: timer goroutines and a GC loop, while Java advances the clock.
// ---------------------------------------------------------------------------

var stress struct {
	mu     sync.Mutex
	stop   chan struct{}
	wg     sync.WaitGroup
	fired  atomic.Int64
	cycles atomic.Int64
}

// StressStart starts goroutines that each wait in turn on time.After,
// time.Sleep, a context timeout and an AfterFunc of 1 ms to 1 s, and one
// goroutine calling runtime.GC() in a loop.
//
//export StressStart
func StressStart(goroutines C.int) {
	stress.mu.Lock()
	defer stress.mu.Unlock()
	stress.stop = make(chan struct{})
	stress.fired.Store(0)
	stress.cycles.Store(0)
	stop := stress.stop
	for i := 0; i < int(goroutines); i++ {
		stress.wg.Add(1)
		go func(i int) {
			defer stress.wg.Done()
			for n := 0; ; n++ {
				d := time.Duration(1+(i*7+n*13)%1000) * time.Millisecond
				switch n % 4 {
				case 0:
					select {
					case <-time.After(d):
					case <-stop:
						return
					}
				case 1:
					time.Sleep(d / 10)
				case 2:
					ctx, cancel := context.WithTimeout(context.Background(), d)
					select {
					case <-ctx.Done():
					case <-stop:
						cancel()
						return
					}
					cancel()
				case 3:
					done := make(chan struct{})
					time.AfterFunc(d, func() { close(done) })
					select {
					case <-done:
					case <-stop:
						return
					}
				}
				stress.fired.Add(1)
				select {
				case <-stop:
					return
				default:
				}
			}
		}(i)
	}
	stress.wg.Add(1)
	go func() {
		defer stress.wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			runtime.GC()
			stress.cycles.Add(1)
			time.Sleep(time.Millisecond)
		}
	}()
}

// StressStop stops the stress goroutines, waits for them and returns how
// many waits completed.
//
//export StressStop
func StressStop() C.longlong {
	stress.mu.Lock()
	defer stress.mu.Unlock()
	close(stress.stop)
	stress.wg.Wait()
	return C.longlong(stress.fired.Load())
}

// StressFired returns how many waits completed so far.
//
//export StressFired
func StressFired() C.longlong { return C.longlong(stress.fired.Load()) }

// StressGCCycles returns how many runtime.GC() calls completed.
//
//export StressGCCycles
func StressGCCycles() C.longlong { return C.longlong(stress.cycles.Load()) }

// ---------------------------------------------------------------------------
// Measuring time.Now.
// ---------------------------------------------------------------------------

var nowSink int64

// NowLoop calls time.Now n times and returns the real nanoseconds it took.
//
//export NowLoop
func NowLoop(n C.longlong) C.longlong {
	start := realNanos()
	var sink int64
	for i := int64(0); i < int64(n); i++ {
		sink += time.Now().UnixNano() & 1
	}
	nowSink = sink
	return C.longlong(realNanos() - start)
}
