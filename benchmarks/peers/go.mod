module gojack.dev/benchmarks/peers

go 1.21

require github.com/agiledragon/gomonkey/v2 v2.13.0
