package tomlfile

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"spaser/internal/diag"
)

// MaxNumber bounds every number of the editors' files: far above any
// amount a public buyer publishes (a million billion), low enough that
// sums, shares and chart scales never overflow into infinities.
const MaxNumber = 1e15

// checkNumbers reports, at the key that holds it, every number of the
// decoded value v that is not a finite number within ±MaxNumber (nan, inf,
// 1e308): every package reading TOML gets numbers it can compute with.
func checkNumbers(l *diag.List, file string, firstLine int, src []byte, v any) bool {
	var idx *Index
	seen := map[string]int{}
	ok := true
	walkNumbers(reflect.ValueOf(v), nil, func(path []string, x float64) {
		if !math.IsNaN(x) && !math.IsInf(x, 0) && math.Abs(x) <= MaxNumber {
			return
		}
		ok = false
		if idx == nil {
			idx = NewIndex(src)
		}
		key := strings.Join(path, ".")
		at := idx.loc(key, seen[key])
		seen[key]++
		p := diag.Pos{File: file, Line: firstLine}
		if at.line > 0 {
			p = diag.Pos{File: file, Line: at.line + firstLine - 1, Col: at.col}
		}
		name := path[len(path)-1]
		if math.IsNaN(x) || math.IsInf(x, 0) {
			l.Errorf(p, "Écrivez un nombre, par exemple 43.5 ; nan et inf ne sont pas des valeurs publiables.", "« %s » : ce n'est pas un nombre (%v)", name, x)
			return
		}
		l.Errorf(p, fmt.Sprintf("Les nombres sont limités à %s en valeur absolue : vérifiez l'unité et les zéros.", "1 000 000 000 000 000"), "« %s » : nombre trop grand (%g)", name, x)
	})
	return ok
}

// A Number is a type holding one TOML number its own way (a figure that
// may also be left as ""): checkNumbers checks the number it gives, when
// there is one, like a plain float.
type Number interface{ TOMLNumber() (float64, bool) }

// walkNumbers calls fn with the toml key path of every number in v.
func walkNumbers(v reflect.Value, path []string, fn func([]string, float64)) {
	if v.IsValid() && v.CanInterface() {
		if n, ok := v.Interface().(Number); ok {
			if x, ok := n.TOMLNumber(); ok {
				fn(path, x)
			}
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkNumbers(v.Elem(), path, fn)
		}
	case reflect.Float32, reflect.Float64:
		fn(path, v.Float())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fn(path, float64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		fn(path, float64(v.Uint()))
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkNumbers(v.Index(i), path, fn) // toml.Key and Index leave array indexes out
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			walkNumbers(iter.Value(), append(path[:len(path):len(path)], fmt.Sprint(iter.Key().Interface())), fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("toml"), ",")[0]
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				walkNumbers(v.Field(i), path, fn) // embedded: its keys are the parent's, as the decoder reads them
				continue
			}
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			walkNumbers(v.Field(i), append(path[:len(path):len(path)], name), fn)
		}
	}
}
