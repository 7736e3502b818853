// Command bigweb is the GoJack "big library" fixture: it really uses
// net/http, crypto/tls, crypto/x509 and encoding/json, so the linker keeps
// them and the library is large (more than 10 MB unstripped). Each request
// is served over an in-memory net.Pipe with a real TLS handshake; nothing
// opens a socket, and nothing beyond package initialisation runs at load
// time (the certificate, template and regexp are built on first use).
//
// Built with -buildmode=c-shared; README.md documents every entry point.
package main

import "C"

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"
	"unsafe"

	"example.com/gojack/fixtures/internal/cbuf"
)

func main() {}

const serverName = "gojack.test"

// greetingFor is the patch target called by the JSON handler.
//
//go:noinline
func greetingFor(name string) string { return "hello, " + name }

// greetingForReplacement has greetingFor's signature.
//
//go:noinline
func greetingForReplacement(name string) string { return "patched, " + name }

// greetingResponse is the body of /greet, as JSON (the default), XML
// (format=xml) or an HTML page (format=html).
type greetingResponse struct {
	XMLName  xml.Name `json:"-" xml:"greeting"`
	Greeting string   `json:"greeting" xml:"text"`
	TLS      bool     `json:"tls" xml:"tls,attr"`
	Proto    string   `json:"proto" xml:"proto,attr"`
}

// greetingPage and validName are built on first use, not at load time.
var greetingPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("greet").Parse(
		`<!DOCTYPE html><html><body><p class="greeting">{{.Greeting}}</p><p>{{.Proto}} tls={{.TLS}}</p></body></html>`))
})

// validName accepts the names the handler greets.
var validName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\p{L}\p{N} ._-]{0,64}$`)
})

// pipeListener is a net.Listener whose connections are the server ends of
// net.Pipe pairs handed over by the client's dialer.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// dial makes a new pipe and hands its server end to Accept.
func (l *pipeListener) dial(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		client.Close()
		server.Close()
		return nil, net.ErrClosed
	case <-ctx.Done():
		client.Close()
		server.Close()
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return serverName + ":443" }

// The self-signed certificate is made on first use, not at load time.
var (
	certOnce sync.Once
	certPair tls.Certificate
	certPool *x509.CertPool
	certErr  error
)

func certificate() (tls.Certificate, *x509.CertPool, error) {
	certOnce.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			certErr = err
			return
		}
		tmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: serverName},
			DNSNames:              []string{serverName},
			NotBefore:             time.Now().Add(-time.Hour),
			NotAfter:              time.Now().Add(24 * time.Hour),
			KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
			ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			BasicConstraintsValid: true,
			IsCA:                  true,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			certErr = err
			return
		}
		leaf, err := x509.ParseCertificate(der)
		if err != nil {
			certErr = err
			return
		}
		certPair = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
		certPool = x509.NewCertPool()
		certPool.AddCert(leaf)
	})
	return certPair, certPool, certErr
}

func newHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/greet", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		name := q.Get("name")
		if !validName().MatchString(name) {
			http.Error(w, "invalid name", http.StatusBadRequest)
			return
		}
		resp := greetingResponse{Greeting: greetingFor(name), TLS: r.TLS != nil, Proto: r.Proto}
		switch q.Get("format") {
		case "xml":
			w.Header().Set("Content-Type", "application/xml")
			xml.NewEncoder(w).Encode(resp)
		case "html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			greetingPage().Execute(w, resp)
		default:
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(resp)
		}
	})
	return mux
}

// roundTrip starts a TLS http.Server on a pipe listener, makes one HTTPS GET
// /greet?name=...&format=... through an http.Client that dials the pipe,
// shuts both down again and returns the status code and the body.
func roundTrip(name, format string) (int, []byte, error) {
	cert, pool, err := certificate()
	if err != nil {
		return 0, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	ln := newPipeListener()
	srv := &http.Server{
		Handler:           newHandler(),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.ServeTLS(ln, "", "") }()
	defer func() {
		srv.Close()
		<-served
	}()

	transport := &http.Transport{
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			raw, err := ln.dial(ctx)
			if err != nil {
				return nil, err
			}
			conn := tls.Client(raw, &tls.Config{RootCAs: pool, ServerName: serverName, MinVersion: tls.VersionTLS12})
			if err := conn.HandshakeContext(ctx); err != nil {
				raw.Close()
				return nil, err
			}
			return conn, nil
		},
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport}

	q := url.Values{"name": {name}}
	if format != "" {
		q.Set("format", format)
	}
	u := "https://" + serverName + "/greet?" + q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// fetchJSON makes the JSON request and decodes the response.
func fetchJSON(name string) (int, greetingResponse, error) {
	var body greetingResponse
	status, data, err := roundTrip(name, "")
	if err != nil {
		return status, body, err
	}
	if status != http.StatusOK {
		return status, body, fmt.Errorf("status %d: %s", status, data)
	}
	if err := json.Unmarshal(data, &body); err != nil {
		return status, body, fmt.Errorf("decoding %q: %w", data, err)
	}
	if !body.TLS {
		return status, body, errors.New("request did not arrive over TLS")
	}
	return status, body, nil
}

// ServeOnce serves one HTTPS request in memory and returns its status code
// (200), or -1 on any error.
//
//export ServeOnce
func ServeOnce() C.int {
	status, _, err := fetchJSON("gojack")
	if err != nil {
		return -1
	}
	return C.int(status)
}

// FetchGreeting serves GET /greet?name=<name> in memory and writes the
// "greeting" field of the JSON response ("hello, <name>"); on error it
// writes "error: <message>" instead.
//
//export FetchGreeting
func FetchGreeting(name *C.char, buf *C.char, n C.int) C.int {
	_, body, err := fetchJSON(C.GoString(name))
	if err != nil {
		return put(buf, n, "error: "+err.Error())
	}
	return put(buf, n, body.Greeting)
}

// FetchRaw serves GET /greet?name=<name>&format=<format> in memory (format
// "json", "xml" or "html"; an empty format means JSON), writes the raw
// response body and returns the status code (400 for an invalid name), or
// -1 on a transport error, in which case it writes "error: <message>".
//
//export FetchRaw
func FetchRaw(name, format *C.char, buf *C.char, n C.int) C.int {
	status, data, err := roundTrip(C.GoString(name), C.GoString(format))
	if err != nil {
		put(buf, n, "error: "+err.Error())
		return -1
	}
	put(buf, n, string(data))
	return C.int(status)
}

// Greeting calls greetingFor directly, without any HTTP.
//
//export Greeting
func Greeting(name *C.char, buf *C.char, n C.int) C.int {
	return put(buf, n, greetingFor(C.GoString(name)))
}

func put(buf *C.char, n C.int, s string) C.int {
	return C.int(cbuf.Write(unsafe.Pointer(buf), int(n), s))
}

// keepAlive references the functions no Go code calls; GoJackKeepAlive is
// exported and reads it, so the linker keeps them in every variant.
var keepAlive = [...]any{greetingForReplacement}

// GoJackKeepAlive returns the number of functions kept alive.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int {
	n := 0
	for _, f := range keepAlive {
		if f != nil {
			n++
		}
	}
	return C.int(n)
}
