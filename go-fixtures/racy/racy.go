// Command racy is built with -race -buildmode=c-shared: a race-detector library GoJack must refuse before
// loading it (ThreadSanitizer cannot map its shadow memory in a running JVM, and the process exits).
package main

import "C"

func main() {}

//export GoRacyAnswer
func GoRacyAnswer() C.int { return 42 }
