package main

import "C"

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// ---------------------------------------------------------------------------
// A cron-like scheduler, written the way robfig/cron v3 runs its entries: one
// timer for the earliest entry; when it fires, every entry whose Next is not
// after the received time runs, and is rescheduled from that time.
// ---------------------------------------------------------------------------

type entry struct {
	every time.Duration
	next  time.Time
	runs  atomic.Int64
}

var scheduler struct {
	mu   sync.Mutex
	jobs []*entry // in the order they were added
	stop chan struct{}
	done chan struct{}
}

// SchedulerStart (re)starts the scheduler with one job per element of
// everyMillis (n of them), each running every everyMillis[i] milliseconds
// from now. Job i's runs are read with SchedulerRuns(i).
//
//export SchedulerStart
func SchedulerStart(everyMillis *C.longlong, n C.int) {
	SchedulerStop()
	scheduler.mu.Lock()
	defer scheduler.mu.Unlock()
	now := time.Now()
	for _, ms := range unsafe.Slice((*int64)(unsafe.Pointer(everyMillis)), int(n)) {
		e := &entry{every: time.Duration(ms) * time.Millisecond}
		e.next = now.Add(e.every)
		scheduler.jobs = append(scheduler.jobs, e)
	}
	scheduler.stop = make(chan struct{})
	scheduler.done = make(chan struct{})
	go runScheduler(append([]*entry(nil), scheduler.jobs...), scheduler.stop, scheduler.done)
}

func runScheduler(entries []*entry, stop, done chan struct{}) {
	defer close(done)
	for {
		sort.Slice(entries, func(i, j int) bool { return entries[i].next.Before(entries[j].next) })
		timer := time.NewTimer(entries[0].next.Sub(time.Now()))
		select {
		case now := <-timer.C:
			for _, e := range entries {
				if e.next.After(now) {
					break
				}
				e.runs.Add(1)
				e.next = now.Add(e.every)
			}
		case <-stop:
			timer.Stop()
			return
		}
	}
}

// SchedulerRuns returns how often job id ran, or -1 if there is no such job.
//
//export SchedulerRuns
func SchedulerRuns(id C.int) C.longlong {
	scheduler.mu.Lock()
	defer scheduler.mu.Unlock()
	if int(id) < 0 || int(id) >= len(scheduler.jobs) {
		return -1
	}
	return C.longlong(scheduler.jobs[int(id)].runs.Load())
}

// SchedulerStop stops the scheduler and forgets its jobs.
//
//export SchedulerStop
func SchedulerStop() {
	scheduler.mu.Lock()
	stop, done := scheduler.stop, scheduler.done
	scheduler.stop, scheduler.done, scheduler.jobs = nil, nil, nil
	scheduler.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

// ---------------------------------------------------------------------------
// A TTL cache whose cleanup goroutine evicts expired entries on a ticker, as
// hashicorp/golang-lru's expirable cache does.
// ---------------------------------------------------------------------------

var ttlCache struct {
	mu      sync.Mutex
	items   map[int64]time.Time // key -> expiry
	ttl     time.Duration
	evicted atomic.Int64
	stop    chan struct{}
	done    chan struct{}
}

// TTLCacheStart creates the cache: entries live ttlMillis, the cleanup ticker
// runs every cleanupMillis.
//
//export TTLCacheStart
func TTLCacheStart(ttlMillis, cleanupMillis C.longlong) {
	TTLCacheStop()
	ttlCache.mu.Lock()
	defer ttlCache.mu.Unlock()
	ttlCache.items = map[int64]time.Time{}
	ttlCache.ttl = time.Duration(ttlMillis) * time.Millisecond
	ttlCache.evicted.Store(0)
	ttlCache.stop = make(chan struct{})
	ttlCache.done = make(chan struct{})
	ticker := time.NewTicker(time.Duration(cleanupMillis) * time.Millisecond)
	go func(stop, done chan struct{}) {
		defer close(done)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				now := time.Now()
				ttlCache.mu.Lock()
				for k, expiry := range ttlCache.items {
					if !now.Before(expiry) {
						delete(ttlCache.items, k)
						ttlCache.evicted.Add(1)
					}
				}
				ttlCache.mu.Unlock()
			case <-stop:
				return
			}
		}
	}(ttlCache.stop, ttlCache.done)
}

// TTLCachePut stores key until time.Now() + ttl.
//
//export TTLCachePut
func TTLCachePut(key C.longlong) {
	ttlCache.mu.Lock()
	defer ttlCache.mu.Unlock()
	ttlCache.items[int64(key)] = time.Now().Add(ttlCache.ttl)
}

// TTLCacheLen returns the number of entries still in the cache (expired ones
// stay until the cleanup ticker evicts them).
//
//export TTLCacheLen
func TTLCacheLen() C.int {
	ttlCache.mu.Lock()
	defer ttlCache.mu.Unlock()
	return C.int(len(ttlCache.items))
}

// TTLCacheEvicted returns how many entries the cleanup ticker evicted.
//
//export TTLCacheEvicted
func TTLCacheEvicted() C.longlong { return C.longlong(ttlCache.evicted.Load()) }

// TTLCacheStop stops the cleanup goroutine.
//
//export TTLCacheStop
func TTLCacheStop() {
	ttlCache.mu.Lock()
	stop, done := ttlCache.stop, ttlCache.done
	ttlCache.stop, ttlCache.done = nil, nil
	ttlCache.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}
