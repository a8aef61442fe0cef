package picture

import (
	"runtime"
	"sync"
)

// budget bounds the memory of the images being decoded at once, whatever
// the number of workers: MaxDecoded in all.
var budget = &limiter{free: MaxDecoded}

type limiter struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
}

// take waits until n bytes are free and takes them; release gives them
// back. n is at most MaxDecoded (Inspect refuses more).
func (l *limiter) take(n int64) (release func()) {
	l.mu.Lock()
	if l.cond == nil {
		l.cond = sync.NewCond(&l.mu)
	}
	for l.free < n {
		l.cond.Wait()
	}
	l.free -= n
	l.mu.Unlock()
	return func() {
		// The image's buffers, a hundred megabytes for a photo, are
		// garbage now: collected at once rather than when the heap has
		// doubled, which would double the memory of a build with photos.
		runtime.GC()
		l.mu.Lock()
		l.free += n
		l.cond.Broadcast()
		l.mu.Unlock()
	}
}
