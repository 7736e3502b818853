// Command payments is the Go core of a small payment service, built as a C
// shared library (-buildmode=c-shared) and tested from Java with GoJack.
package main

import "C"

import (
	"errors"
	"time"
)

func main() {}

var errDeclined = errors.New("declined by the card network")

// Package state every caller shares: a circuit breaker that opens after three
// failed charges and stays open.
var (
	breakerOpen     bool
	breakerFailures int64
)

// chargeDownstream calls the card network. It is small, so in the shipped
// build the compiler inlines it into Charge and no out-of-line copy is left.
func chargeDownstream(cents int64) error {
	if cents <= 0 {
		return errDeclined
	}
	return nil
}

// exchangeRate is what a euro costs in the account's currency.
func exchangeRate() float64 { return 1.0 }

// Charge charges cents (times the exchange rate): 0 charged, 1 declined,
// 2 refused because the breaker is open.
//
//export Charge
func Charge(cents C.longlong) C.int {
	if breakerOpen {
		return 2
	}
	if err := chargeDownstream(int64(float64(cents) * exchangeRate())); err != nil {
		breakerFailures++
		if breakerFailures >= 3 {
			breakerOpen = true
		}
		return 1
	}
	return 0
}

// ChargedCents is what Charge would send downstream for cents.
//
//export ChargedCents
func ChargedCents(cents C.longlong) C.longlong {
	return C.longlong(float64(cents) * exchangeRate())
}

//export BreakerIsOpen
func BreakerIsOpen() C.int {
	if breakerOpen {
		return 1
	}
	return 0
}

// InvoiceOverdue says whether an invoice issued at issuedUnix (seconds) is
// more than 30 days old now.
//
//export InvoiceOverdue
func InvoiceOverdue(issuedUnix C.longlong) C.int {
	if time.Since(time.Unix(int64(issuedUnix), 0)) > 30*24*time.Hour {
		return 1
	}
	return 0
}
