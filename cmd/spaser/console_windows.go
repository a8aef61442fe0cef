package main

import "golang.org/x/sys/windows"

// The Windows console shows output in its own code page (850 in France):
// spaser writes UTF-8, so that « é » and the no-break spaces of its French
// messages show as they are.
func init() { _ = windows.SetConsoleOutputCP(65001) } // CP_UTF8
