//go:build full

// The "full" build (main-full.wasm) adds this section: hashing, JSON through reflection, float
// formatting, big integers, recover, the garbage collector and random_get. It links in much more
// of the standard library, which gives a module with many more data segments.

package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"runtime"
)

type record struct {
	Name  string            `json:"name"`
	Count int               `json:"count"`
	Tags  []string          `json:"tags,omitempty"`
	Attrs map[string]string `json:"attrs"`
}

func compute() {
	fmt.Printf("sha256: %x\n", sha256.Sum256([]byte("wasmjar")))

	b, err := json.Marshal(record{Name: "go", Count: 3, Attrs: map[string]string{"z": "1", "a": "2"}})
	check("json marshal", err)
	fmt.Println("json:", string(b))
	var back record
	check("json unmarshal", json.Unmarshal([]byte(`{"name":"x","count":-4,"tags":["p","q"]}`), &back))
	fmt.Printf("json back: %+v\n", back)

	fmt.Println("floats:", math.Sqrt(2), math.Pi*1e10, float32(1)/3, math.Inf(-1), math.Float64bits(-0.0))
	f := new(big.Int).MulRange(1, 30)
	fmt.Println("30! =", f.String())

	fmt.Println("recovered:", safeDiv(1, 0))

	// Allocate and drop plenty, then collect.
	var keep [][]byte
	for i := 0; i < 2000; i++ {
		buf := make([]byte, 4096)
		buf[0] = byte(i)
		if i%100 == 0 {
			keep = append(keep, buf)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("kept buffers:", len(keep), "gc cycles > 0:", ms.NumGC > 0)

	rnd := make([]byte, 16)
	n, err := rand.Read(rnd)
	check("crypto/rand", err)
	fmt.Println("random bytes:", n)
}

func safeDiv(a, b int) (res string) {
	defer func() {
		if r := recover(); r != nil {
			res = fmt.Sprint(r)
		}
	}()
	return fmt.Sprint(a / b)
}

