//go:build !linux

package publish

// exchange is not available on this system: the caller renames twice.
func exchange(a, b string) (bool, error) { return false, nil }
