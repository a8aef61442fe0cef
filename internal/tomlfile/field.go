package tomlfile

import (
	"reflect"
	"strings"
)

// FieldError is the error a type decoding its own TOML value
// (toml.Unmarshaler) returns to be reported in French at the key's line:
// the decoder keeps only its text, so Msg and Hint travel in it.
type FieldError struct{ Msg, Hint string }

const fieldSep = "\x1f"

func (e FieldError) Error() string { return e.Msg + fieldSep + e.Hint }

// tomlFields are the fields of struct t that hold a key, with those of its
// embedded structs as the decoder sees them: an outer field shadows an
// embedded one of the same key.
func tomlFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		var embedded []reflect.Type
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("toml"), ",")[0]
			if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
				embedded = append(embedded, f.Type)
				continue
			}
			key := tag
			if key == "" {
				key = f.Name
			}
			if key == "-" || !f.IsExported() || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, f)
		}
		for _, e := range embedded {
			walk(e)
		}
	}
	walk(t)
	return out
}
