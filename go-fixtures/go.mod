module example.com/gojack/fixtures

go 1.21
