// A standard-Go (GOOS=wasip1 GOARCH=wasm) program exercising the WASI preview1 host: goroutines
// and channels, timers, files in a preopened directory, environment, arguments and exit codes.
//
// Usage: main [main|exit N|panic]. "main" (the default) prints what it checks and exits 0,
// "exit N" calls os.Exit(N), "panic" panics (the Go runtime then exits with code 2).
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

const sandbox = "/sandbox"

func main() {
	mode := "main"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	switch mode {
	case "main":
		runMain()
	case "exit":
		code, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fmt.Println("bad exit code:", err)
			os.Exit(100)
		}
		fmt.Println("exiting with", code)
		os.Exit(code)
	case "panic":
		fmt.Println("about to panic")
		var m map[string]int
		if len(os.Args) > 2 {
			panic("custom: " + os.Args[2])
		}
		m["boom"] = 1 // assignment to entry in nil map
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", mode)
		os.Exit(64)
	}
}

func runMain() {
	args()
	env()
	goroutines()
	sleeping()
	compute()
	files()
	workdir()
	stdin()
	fmt.Println("done")
}

func args() {
	fmt.Printf("args: %d %q\n", len(os.Args)-1, os.Args[1:])
}

func env() {
	fmt.Printf("GREETING=%q\n", os.Getenv("GREETING"))
	v, ok := os.LookupEnv("MISSING")
	fmt.Printf("MISSING present=%v value=%q\n", ok, v)
	all := os.Environ()
	sort.Strings(all)
	fmt.Printf("environ: %q\n", all)
}

func goroutines() {
	// A pipeline: a producer, four squaring workers, a summing consumer.
	jobs := make(chan int)
	results := make(chan int, 8)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * j
			}
		}()
	}
	go func() {
		for i := 1; i <= 100; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	sum, n := 0, 0
	for r := range results {
		sum += r
		n++
	}
	fmt.Printf("pipeline: %d results, sum of squares 1..100 = %d\n", n, sum)

	// A mutex-guarded counter bumped by many goroutines that yield in between.
	var mu sync.Mutex
	counter := 0
	var wg2 sync.WaitGroup
	for g := 0; g < 50; g++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for i := 0; i < 100; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
				if i%10 == 0 {
					time.Sleep(0)
				}
			}
		}()
	}
	wg2.Wait()
	fmt.Println("mutex counter:", counter)

	// Unbuffered ping-pong between two goroutines.
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 1000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	_, open := <-pong
	fmt.Println("ping-pong:", v, "pong open after close:", open)

	// select: a timer goroutine wins against a channel nobody writes to.
	never := make(chan int)
	timer := make(chan string)
	go func() {
		time.Sleep(5 * time.Millisecond)
		timer <- "timer fired"
	}()
	select {
	case <-never:
		fmt.Println("select: impossible")
	case s := <-timer:
		fmt.Println("select:", s)
	}
	select {
	case <-never:
		fmt.Println("select: impossible")
	case <-time.After(10 * time.Millisecond):
		fmt.Println("select: time.After fired")
	}
}

func sleeping() {
	const want = 20 * time.Millisecond
	start := time.Now()
	time.Sleep(want)
	elapsed := time.Since(start)
	fmt.Println("sleep 20ms: elapsed >= requested:", elapsed >= want)

	// Two goroutines sleeping concurrently: 30ms each, together well under 60ms is not
	// asserted (a loaded machine may be slow), only that both finished and time advanced.
	start = time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(30 * time.Millisecond)
		}()
	}
	wg.Wait()
	fmt.Println("concurrent sleeps: elapsed >= 30ms:", time.Since(start) >= 30*time.Millisecond)

	t := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	for range t.C {
		ticks++
		if ticks == 3 {
			break
		}
	}
	t.Stop()
	fmt.Println("ticker ticks:", ticks)
}

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s: error: %v\n", what, err)
	}
}

func listing(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "error: " + err.Error()
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return "[" + strings.Join(names, " ") + "]"
}

func files() {
	dir := sandbox + "/gofiles"
	check("mkdir", os.Mkdir(dir, 0o755))
	check("mkdir sub", os.MkdirAll(dir+"/sub/deeper", 0o755))

	f, err := os.Create(dir + "/a.txt")
	check("create", err)
	if f != nil {
		n, err := f.WriteString("hello from wasip1 go\n")
		check("write", err)
		fmt.Println("wrote bytes:", n)
		_, err = fmt.Fprintf(f, "line %d\n", 2)
		check("fprintf", err)
		check("close", f.Close())
	}

	data, err := os.ReadFile(dir + "/a.txt")
	check("readfile", err)
	fmt.Printf("read back: %q\n", data)

	// Append, seek and partial reads.
	f, err = os.OpenFile(dir+"/a.txt", os.O_APPEND|os.O_WRONLY, 0)
	check("open append", err)
	if f != nil {
		_, err = f.WriteString("appended\n")
		check("append", err)
		check("close", f.Close())
	}
	f, err = os.Open(dir + "/a.txt")
	check("open", err)
	if f != nil {
		_, err = f.Seek(6, io.SeekStart)
		check("seek", err)
		buf := make([]byte, 4)
		_, err = io.ReadFull(f, buf)
		check("readfull", err)
		fmt.Printf("at offset 6: %q\n", buf)
		check("close", f.Close())
	}

	fi, err := os.Stat(dir + "/a.txt")
	check("stat", err)
	if fi != nil {
		fmt.Println("stat:", fi.Name(), fi.Size(), "regular:", fi.Mode().IsRegular())
	}
	check("writefile", os.WriteFile(dir+"/sub/b.txt", []byte("bee"), 0o644))
	fmt.Println("listing:", listing(dir))

	check("rename", os.Rename(dir+"/a.txt", dir+"/renamed.txt"))
	_, err = os.Stat(dir + "/a.txt")
	fmt.Println("old name gone:", errors.Is(err, fs.ErrNotExist))
	data, err = os.ReadFile(dir + "/renamed.txt")
	check("read renamed", err)
	fmt.Println("renamed size:", len(data))
	fmt.Println("listing after rename:", listing(dir))

	_, err = os.Open(dir + "/nope.txt")
	fmt.Println("open missing: not exist:", errors.Is(err, fs.ErrNotExist))
	err = os.Remove(dir + "/sub")
	fmt.Println("remove non-empty dir fails:", err != nil)
	_, err = os.Open("/etc/passwd")
	fmt.Println("outside sandbox fails:", err != nil)

	check("remove", os.Remove(dir+"/renamed.txt"))
	check("removeall", os.RemoveAll(dir+"/sub"))
	fmt.Println("listing after remove:", listing(dir))
	check("rmdir", os.Remove(dir))
	fmt.Println("sandbox listing:", listing(sandbox))
}

func stdin() {
	data, err := io.ReadAll(os.Stdin)
	check("read stdin", err)
	lines := strings.Count(string(data), "\n")
	fmt.Printf("stdin: %d bytes, %d lines, upper %q\n", len(data), lines, strings.ToUpper(string(data)))
}

func workdir() {
	wd, err := os.Getwd()
	check("getwd", err)
	fmt.Println("initial wd:", wd)
	check("mkdir wd", os.Mkdir(sandbox+"/wd", 0o755))
	check("chdir", os.Chdir(sandbox+"/wd"))
	wd, _ = os.Getwd()
	fmt.Println("wd after chdir:", wd)
	check("relative write", os.WriteFile("rel.txt", []byte("relative"), 0o644))
	data, err := os.ReadFile(filepath.Join(sandbox, "wd", "rel.txt"))
	check("read via absolute path", err)
	fmt.Printf("relative file: %q\n", data)
	check("chdir back", os.Chdir(sandbox))
	check("removeall wd", os.RemoveAll("wd"))
	fmt.Println("sandbox listing:", listing(sandbox))
}
