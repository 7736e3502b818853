// Command clock is the GoJack fixture for code that depends on the wall
// clock: time.Now, time.Since, time.Until, time.Sleep, context deadlines, a
// small TTL cache and a token-expiry check. Tests patch time.Now (and
// time.Sleep) and observe the results through the exports below.
//
// Built with -buildmode=c-shared; README.md documents every entry point.
package main

/*
#include <time.h>

// gojack_monotonic_nanos reads CLOCK_MONOTONIC straight from C, so the
// measurements taken with it are not affected by patching anything in Go's
// time package.
static long long gojack_monotonic_nanos(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
*/
import "C"

import (
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"example.com/gojack/fixtures/internal/cbuf"
)

func main() {}

// monotonicNanos is the C monotonic clock, independent of time.Now.
func monotonicNanos() int64 { return int64(C.gojack_monotonic_nanos()) }

//export MonotonicNanos
func MonotonicNanos() C.longlong { return C.longlong(monotonicNanos()) }

// ---------------------------------------------------------------------------
// Reading the clock.
// ---------------------------------------------------------------------------

//export NowUnixNano
func NowUnixNano() C.longlong { return C.longlong(time.Now().UnixNano()) }

//export NowUnixSeconds
func NowUnixSeconds() C.longlong { return C.longlong(time.Now().Unix()) }

//export NowNanosecond
func NowNanosecond() C.int { return C.int(time.Now().Nanosecond()) }

// SinceNanos returns time.Since(time.Unix(0, unixNano)) in nanoseconds. The
// argument carries no monotonic reading, so time.Since calls time.Now.
//
//export SinceNanos
func SinceNanos(unixNano C.longlong) C.longlong {
	return C.longlong(time.Since(time.Unix(0, int64(unixNano))))
}

// UntilNanos returns time.Until(time.Unix(0, unixNano)) in nanoseconds; it
// calls time.Now for the same reason.
//
//export UntilNanos
func UntilNanos(unixNano C.longlong) C.longlong {
	return C.longlong(time.Until(time.Unix(0, int64(unixNano))))
}

//export FormatNowUTC
func FormatNowUTC(buf *C.char, n C.int) C.int {
	return put(buf, n, time.Now().UTC().Format(time.RFC3339Nano))
}

// FormatNow formats time.Now() in whatever location the returned Time
// carries, so it shows whether Now returned a UTC or a Local time.
//
//export FormatNow
func FormatNow(buf *C.char, n C.int) C.int {
	return put(buf, n, time.Now().Format(time.RFC3339Nano))
}

//export FormatNowLocal
func FormatNowLocal(buf *C.char, n C.int) C.int {
	return put(buf, n, time.Now().Local().Format(time.RFC3339Nano))
}

//export NowLocationName
func NowLocationName(buf *C.char, n C.int) C.int {
	return put(buf, n, time.Now().Location().String())
}

// ---------------------------------------------------------------------------
// A TTL cache: entries expire ttl after they were put, by time.Now.
// ---------------------------------------------------------------------------

type cacheEntry struct {
	value     int64
	expiresAt int64 // Unix nanoseconds
}

var cache = struct {
	sync.Mutex
	m map[int64]cacheEntry
}{m: map[int64]cacheEntry{}}

// CachePut stores value under key until time.Now()+ttlMillis.
//
//export CachePut
func CachePut(key, value, ttlMillis C.longlong) {
	expires := time.Now().Add(time.Duration(ttlMillis) * time.Millisecond).UnixNano()
	cache.Lock()
	defer cache.Unlock()
	cache.m[int64(key)] = cacheEntry{value: int64(value), expiresAt: expires}
}

// CacheGet returns the value stored under key, or -1 when it is missing or
// expired (time.Now().UnixNano() >= expiry); expired entries are removed.
//
//export CacheGet
func CacheGet(key C.longlong) C.longlong {
	now := time.Now().UnixNano()
	cache.Lock()
	defer cache.Unlock()
	e, ok := cache.m[int64(key)]
	if !ok {
		return -1
	}
	if now >= e.expiresAt {
		delete(cache.m, int64(key))
		return -1
	}
	return C.longlong(e.value)
}

// CacheClear empties the cache.
//
//export CacheClear
func CacheClear() {
	cache.Lock()
	defer cache.Unlock()
	cache.m = map[int64]cacheEntry{}
}

// ---------------------------------------------------------------------------
// Token expiry, retries, sleeping and deadlines.
// ---------------------------------------------------------------------------

// TokenIsValid returns 1 while time.Now() is strictly before the expiry.
//
//export TokenIsValid
func TokenIsValid(expiresUnixNano C.longlong) C.int {
	if time.Now().Before(time.Unix(0, int64(expiresUnixNano))) {
		return 1
	}
	return 0
}

// RetryWithBackoff makes attempts attempts of an operation that fails until
// the last one, sleeping firstSleepMillis, then twice that, and so on between
// attempts (attempts-1 sleeps in all). It returns time.Since(start) in
// nanoseconds, start being time.Now() before the first attempt.
//
//export RetryWithBackoff
func RetryWithBackoff(attempts C.int, firstSleepMillis C.longlong) C.longlong {
	start := time.Now()
	backoff := time.Duration(firstSleepMillis) * time.Millisecond
	for i := 1; i <= int(attempts); i++ {
		if attemptOperation(i, int(attempts)) {
			break
		}
		time.Sleep(backoff)
		backoff *= 2
	}
	return C.longlong(time.Since(start))
}

//go:noinline
func attemptOperation(attempt, attempts int) bool { return attempt >= attempts }

// SleepMillis calls time.Sleep(ms milliseconds) and returns how long that
// took in nanoseconds by the C monotonic clock (unaffected by patching).
//
//export SleepMillis
func SleepMillis(ms C.longlong) C.longlong {
	start := monotonicNanos()
	time.Sleep(time.Duration(ms) * time.Millisecond)
	return C.longlong(monotonicNanos() - start)
}

// DeadlineExceeded returns 1 when a context with the given deadline is
// already done right after creation (context.WithDeadline compares the
// deadline with time.Now), else 0.
//
//export DeadlineExceeded
func DeadlineExceeded(deadlineUnixNano C.longlong) C.int {
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, int64(deadlineUnixNano)))
	defer cancel()
	if ctx.Err() != nil {
		return 1
	}
	return 0
}

// NowLoop calls time.Now n times and returns the nanoseconds that took by
// the C monotonic clock, for measuring the cost of a patched time.Now.
//
//export NowLoop
func NowLoop(n C.longlong) C.longlong {
	start := monotonicNanos()
	var sink int64
	for i := int64(0); i < int64(n); i++ {
		sink += time.Now().UnixNano() & 1
	}
	nowLoopSink = sink
	return C.longlong(monotonicNanos() - start)
}

var nowLoopSink int64

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

func put(buf *C.char, n C.int, s string) C.int {
	return C.int(cbuf.Write(unsafe.Pointer(buf), int(n), s))
}

// ---------------------------------------------------------------------------
// Replacements for the time package's own functions.
// ---------------------------------------------------------------------------

// frozenNow has time.Now's signature and always returns
// 2024-01-02T03:04:05.000000006Z (Unix 1704164645, UTC location).
//
//go:noinline
func frozenNow() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC) }

// sleepNoop has time.Sleep's signature and returns at once.
//
//go:noinline
func sleepNoop(d time.Duration) {}

// keepAlive references the functions no Go code calls; GoJackKeepAlive is
// exported and reads it, so the linker keeps them in every variant.
var keepAlive = [...]any{frozenNow, sleepNoop}

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

// ---------------------------------------------------------------------------
// Concurrent readers, for checking that a fake clock is never read torn.
// ---------------------------------------------------------------------------

var nowReaders struct {
	mu    sync.Mutex // serialises start and stop
	stop  atomic.Bool
	wg    sync.WaitGroup
	reads atomic.Int64
	bad   atomic.Int64
}

func stopNowReaders() {
	nowReaders.stop.Store(true)
	nowReaders.wg.Wait()
}

// NowReadersStart starts goroutines that call time.Now in a loop and count a
// read as bad when it is not base + k*step for some k >= 0, or when it is
// earlier than the goroutine's previous read. A clock that only moves forward
// in whole steps from base never produces a bad read.
//
//export NowReadersStart
func NowReadersStart(goroutines C.int, baseUnixNano, step C.longlong) {
	nowReaders.mu.Lock()
	defer nowReaders.mu.Unlock()
	stopNowReaders()
	nowReaders.reads.Store(0)
	nowReaders.bad.Store(0)
	nowReaders.stop.Store(false)
	base, st := int64(baseUnixNano), int64(step)
	for i := 0; i < int(goroutines); i++ {
		nowReaders.wg.Add(1)
		go func() {
			defer nowReaders.wg.Done()
			prev := base
			for !nowReaders.stop.Load() {
				n := time.Now().UnixNano()
				if n < prev || (n-base)%st != 0 {
					nowReaders.bad.Add(1)
				}
				prev = n
				nowReaders.reads.Add(1)
			}
		}()
	}
}

// NowReadersStop stops the readers started by NowReadersStart.
//
//export NowReadersStop
func NowReadersStop() {
	nowReaders.mu.Lock()
	defer nowReaders.mu.Unlock()
	stopNowReaders()
}

// NowReadersCount returns the number of reads (kind 0) or bad reads (kind 1).
//
//export NowReadersCount
func NowReadersCount(kind C.int) C.longlong {
	if kind == 0 {
		return C.longlong(nowReaders.reads.Load())
	}
	return C.longlong(nowReaders.bad.Load())
}

// ---------------------------------------------------------------------------
// A widely used library that reads the clock: crypto/x509 certificate
// validity (Verify with no CurrentTime uses time.Now).
// ---------------------------------------------------------------------------

var certificate struct {
	once sync.Once
	cert *x509.Certificate
	err  error
}

// testCertificate is a self-signed CA certificate valid from
// 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z, made from a fixed key.
func testCertificate() (*x509.Certificate, error) {
	certificate.once.Do(func() {
		key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
		template := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "gojack test CA"},
			NotBefore:             time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			NotAfter:              time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		}
		der, err := x509.CreateCertificate(nil, template, template, key.Public(), key)
		if err != nil {
			certificate.err = err
			return
		}
		certificate.cert, certificate.err = x509.ParseCertificate(der)
	})
	return certificate.cert, certificate.err
}

// CertificateVerifyNow verifies the test certificate against itself as the
// only root at time.Now() and writes "" when it is valid, else the error.
//
//export CertificateVerifyNow
func CertificateVerifyNow(buf *C.char, n C.int) C.int {
	cert, err := testCertificate()
	if err != nil {
		return put(buf, n, "setup: "+err.Error())
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: roots}); err != nil {
		return put(buf, n, err.Error())
	}
	return put(buf, n, "")
}
