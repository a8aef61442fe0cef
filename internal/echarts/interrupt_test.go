package echarts

import (
	"context"
	"strings"
	"testing"
	"time"

	"modernc.org/quickjs"
)

// looping is an engine whose renderer never returns.
func looping(t *testing.T) *engine {
	t.Helper()
	e, err := newEngine()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	if _, err := e.vm.Eval("spaserRender = function () { for (;;) {} }", quickjs.EvalGlobal); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestTimeoutStopsScript: the timeout and a cancelled build stop a script
// that is running, not only one about to start.
func TestTimeoutStopsScript(t *testing.T) {
	stops(t, looping(t), context.Background(), 50*time.Millisecond, "délai")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	stops(t, looping(t), ctx, time.Hour, "annulée")
}

// stops draws with e and wants an error saying want, within a minute.
func stops(t *testing.T, e *engine, ctx context.Context, timeout time.Duration, want string) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := e.draw(ctx, []byte(`{}`), timeout)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q, got %v", want, err)
		}
	case <-time.After(time.Minute):
		t.Fatalf("the script still runs (want %q)", want)
	}
}

// TestCancelKeepsEngine: a cancelled build starts no engine for the charts
// it no longer draws, and keeps the warm one for the next build.
func TestCancelKeepsEngine(t *testing.T) {
	r := &Renderer{Cache: t.TempDir()}
	defer r.close()
	e, err := r.get()
	if err != nil {
		t.Fatal(err)
	}
	r.put(e)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := r.Render(ctx, requests(t)); err == nil {
		t.Fatal("a cancelled build draws")
	}
	if len(r.idle) != 1 || r.idle[0] != e {
		t.Errorf("warm engines after a cancelled build: %d, the same: %v", len(r.idle), len(r.idle) == 1 && r.idle[0] == e)
	}
}

// TestStopsAtFirstFailure: once a chart cannot be drawn the build fails,
// so the others are not drawn: a site of many charts that each hit the
// timeout fails after one timeout, not after one per chart.
func TestStopsAtFirstFailure(t *testing.T) {
	reqs := requests(t)
	r := &Renderer{Cache: t.TempDir(), Timeout: time.Nanosecond}
	todo := make([]int, len(reqs))
	for i := range todo {
		todo[i] = i
	}
	n := 0
	for _, err := range r.drawAll(context.Background(), reqs, todo, make([][]byte, len(reqs))) {
		if err != nil {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d drawings tried and failed after the first failure, want none", n-1)
	}
}

// TestMemoryLimit: a drawing that would need more memory than the limit
// is an error, and the process does not grow with it.
func TestMemoryLimit(t *testing.T) {
	e, err := newEngine()
	if err != nil {
		t.Fatal(err)
	}
	defer e.close()
	if _, err := e.vm.Eval("spaserRender = function () { var a = []; for (;;) a.push(new Array(1 << 20).fill(1)); }", quickjs.EvalGlobal); err != nil {
		t.Fatal(err)
	}
	if _, err := e.draw(context.Background(), []byte(`{}`), time.Minute); err == nil || !strings.Contains(err.Error(), "graphiques") {
		t.Errorf("got %v", err)
	}
}
