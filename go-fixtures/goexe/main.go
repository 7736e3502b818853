// Command goexe is an ordinary Go program (built as an executable, PIE and non-PIE): GoJack must say it is
// an executable, not a c-shared library, instead of a dynamic linker error.
package main

import "fmt"

func main() { fmt.Println("goexe") }
