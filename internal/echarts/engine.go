package echarts

import (
	"context"
	_ "embed"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"modernc.org/quickjs"

	"spaser/internal/typo"
)

// libraryBytecode is dist/echarts.spaser.min.js compiled to QuickJS
// bytecode by `make echarts-bytecode` (TestBytecode -update);
// TestBytecode compiles the file again and finds it byte for byte. QuickJS
// shares no compiled program between VMs: each engine would parse the
// 567 KB file again (0,14-0,17 s CPU), where reading the bytecode takes
// 30-120 ms. It is only ever read from the binary, never from a file.
//
//go:embed dist/echarts.spaser.qjs
var libraryBytecode []byte

// memoryLimit bounds one engine's JavaScript heap (a whole cold build of
// the default site peaks at 49 MB resident; 10 000 bars in one chart fit):
// a request that would need more is refused with an error rather than
// growing the process.
const memoryLimit = 256 << 20

// engine is a QuickJS VM with ECharts and our script loaded. It is used by
// one goroutine at a time; its memory is outside Go's heap, so an engine
// is closed when dropped (close), or at the latest when the collector
// finds it unreachable (a Renderer that is no longer used).
type engine struct {
	vm      *quickjs.VM
	cleanup runtime.Cleanup
}

// bytecodeRefused is set when this build of QuickJS refused the embedded
// bytecode (its format is QuickJS's own, tested on linux/amd64 only): the
// engines then parse the source, slower but the same drawings.
var bytecodeRefused atomic.Bool

func newEngine() (*engine, error) {
	if !bytecodeRefused.Load() {
		e, err := startEngine(true)
		if err == nil {
			return e, nil
		}
		bytecodeRefused.Store(true)
	}
	return startEngine(false)
}

// startEngine makes a VM, loads ECharts (its bytecode, or its source) and
// our script, and checks them.
func startEngine(bytecode bool) (e *engine, err error) {
	vm, err := quickjs.NewVM()
	if err != nil {
		return nil, fmt.Errorf("graphiques : Apache ECharts %s ne démarre pas : %v", Version, err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("graphiques : Apache ECharts %s ne démarre pas : %v", Version, p)
		}
		if err != nil {
			vm.Close()
			e = nil
		}
	}()
	vm.SetMemoryLimit(memoryLimit)
	if bytecode {
		_, err = vm.EvalBytecode(libraryBytecode)
	} else {
		_, err = vm.Eval(library, quickjs.EvalGlobal)
	}
	if err != nil {
		return nil, fmt.Errorf("graphiques : Apache ECharts %s ne démarre pas : %v", Version, err)
	}
	if _, err := vm.Eval(script, quickjs.EvalGlobal); err != nil {
		return nil, fmt.Errorf("graphiques : le script de rendu ne démarre pas : %v", err)
	}
	if v, err := vm.Eval("echarts.version", quickjs.EvalGlobal); err != nil || v != Version {
		return nil, fmt.Errorf("graphiques : Apache ECharts %v trouvé au lieu de %s (%v)", v, Version, err)
	}
	if v, err := vm.Eval("typeof spaserRender", quickjs.EvalGlobal); err != nil || v != "function" {
		return nil, fmt.Errorf("graphiques : le script de rendu n'a pas de fonction spaserRender")
	}
	e = &engine{vm: vm}
	e.cleanup = runtime.AddCleanup(e, func(vm *quickjs.VM) { vm.Close() }, vm)
	return e, nil
}

// close frees the engine's memory now.
func (e *engine) close() {
	e.cleanup.Stop()
	e.vm.Close()
}

// draw renders one request; it stops the script after timeout, or when ctx
// ends. An engine whose draw failed may be stopped midway: close it.
func (e *engine) draw(ctx context.Context, req []byte, timeout time.Duration) (svg string, err error) {
	defer func() {
		if p := recover(); p != nil {
			svg, err = "", fmt.Errorf("graphiques : Apache ECharts n'a pas pu dessiner un graphique : %v", p)
		}
	}()
	if err := cancelled(ctx); err != nil {
		return "", err
	}
	e.vm.SetEvalTimeout(timeout)
	stop := context.AfterFunc(ctx, e.vm.Interrupt)
	defer stop()
	start := time.Now()
	v, err := e.vm.Call("spaserRender", string(req))
	switch {
	case err != nil && ctx.Err() != nil:
		return "", cancelled(ctx)
	case err != nil && time.Since(start) >= timeout:
		return "", fmt.Errorf("graphiques : Apache ECharts n'a pas pu dessiner un graphique : délai de %s\u00a0s dépassé", typo.Number(timeout.Seconds(), 1))
	case err != nil:
		return "", fmt.Errorf("graphiques : Apache ECharts n'a pas pu dessiner un graphique : %v", err)
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("graphiques : Apache ECharts a rendu %T au lieu d'un SVG", v)
	}
	return s, nil
}

// compileLibrary compiles the ECharts file to the bytecode that
// libraryBytecode holds (make echarts-bytecode, TestBytecode).
func compileLibrary() ([]byte, error) {
	vm, err := quickjs.NewVM()
	if err != nil {
		return nil, err
	}
	defer vm.Close()
	return vm.Compile(library, quickjs.EvalGlobal)
}

// cancelled is the error of a drawing the build no longer wants, or nil.
func cancelled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("graphiques : dessin arrêté, construction annulée : %w", err)
	}
	return nil
}
