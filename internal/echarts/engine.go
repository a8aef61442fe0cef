package echarts

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// The ECharts file and our script are compiled once per process; every
// engine runs the same programs (goja programs are immutable and may be
// shared between runtimes).
var compiled struct {
	once        sync.Once
	lib, script *goja.Program
	err         error
}

func programs() (*goja.Program, *goja.Program, error) {
	c := &compiled
	c.once.Do(func() {
		if c.lib, c.err = compileLibrary(); c.err != nil {
			return
		}
		c.script, c.err = goja.Compile("render.js", script, true)
	})
	if c.err != nil {
		return nil, nil, fmt.Errorf("graphiques : Apache ECharts %s ne se charge pas : %v", Version, c.err)
	}
	return c.lib, c.script, nil
}

func compileLibrary() (*goja.Program, error) {
	return goja.Compile("echarts.spaser.min.js", library, false)
}

// engine is a JavaScript runtime with ECharts loaded. It is used by one
// goroutine at a time.
type engine struct {
	vm     *goja.Runtime
	render goja.Callable
}

func newEngine() (e *engine, err error) {
	defer func() {
		if p := recover(); p != nil {
			e, err = nil, fmt.Errorf("graphiques : Apache ECharts %s ne démarre pas : %v", Version, p)
		}
	}()
	lib, scr, err := programs()
	if err != nil {
		return nil, err
	}
	vm := goja.New()
	if _, err := vm.RunProgram(lib); err != nil {
		return nil, fmt.Errorf("graphiques : Apache ECharts %s ne démarre pas : %v", Version, err)
	}
	if _, err := vm.RunProgram(scr); err != nil {
		return nil, fmt.Errorf("graphiques : le script de rendu ne démarre pas : %v", err)
	}
	if v := vm.Get("echarts").ToObject(vm).Get("version").String(); v != Version {
		return nil, fmt.Errorf("graphiques : Apache ECharts %s trouvé au lieu de %s", v, Version)
	}
	fn, ok := goja.AssertFunction(vm.Get("spaserRender"))
	if !ok {
		return nil, fmt.Errorf("graphiques : le script de rendu n'a pas de fonction spaserRender")
	}
	return &engine{vm: vm, render: fn}, nil
}

// draw renders one request; it stops the script after timeout, or when ctx
// ends.
func (e *engine) draw(ctx context.Context, req []byte, timeout time.Duration) (svg string, err error) {
	defer func() {
		if p := recover(); p != nil {
			svg, err = "", fmt.Errorf("graphiques : Apache ECharts n'a pas pu dessiner un graphique : %v", p)
		}
	}()
	if err := ctx.Err(); err != nil {
		return "", err
	}
	t := time.AfterFunc(timeout, func() { e.vm.Interrupt("délai dépassé") })
	defer t.Stop()
	stop := context.AfterFunc(ctx, func() { e.vm.Interrupt("construction annulée") })
	defer stop()
	v, err := e.render(goja.Undefined(), e.vm.ToValue(string(req)))
	if err != nil {
		return "", fmt.Errorf("graphiques : Apache ECharts n'a pas pu dessiner un graphique : %v", err)
	}
	return v.String(), nil
}
