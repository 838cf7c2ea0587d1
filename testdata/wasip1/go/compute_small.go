//go:build !full

package main

// compute is only in the "full" build (compute_full.go).
func compute() {}
