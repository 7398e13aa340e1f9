// The differential-test oracle: answers queries with the real Go libraries that
// upstream Argo Events uses (gjson, sprig + text/template, govaluate, robfig/cron).
// It reads one JSON object per line from stdin — {"id":N,"kind":"...","q":{...}} —
// and writes one line per query — {"id":N,"ok":...} or {"id":N,"err":"..."}.
// Each kernel's handler lives in its own file and registers itself in init().
// Built in GOPATH mode against Debian's golang-github-* packages by test/oracle/oracle.ts.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

type handler func(q json.RawMessage) (interface{}, error)

var handlers = map[string]handler{}

func register(kind string, h handler) { handlers[kind] = h }

type request struct {
	ID   int64           `json:"id"`
	Kind string          `json:"kind"`
	Q    json.RawMessage `json:"q"`
}

type response struct {
	ID  int64       `json:"id"`
	OK  interface{} `json:"ok,omitempty"`
	Err *string     `json:"err,omitempty"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var req request
			var resp response
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				msg := "bad request: " + jerr.Error()
				resp.Err = &msg
			} else {
				resp.ID = req.ID
				resp.OK, resp.Err = answer(req)
			}
			_ = enc.Encode(resp)
			if in.Buffered() == 0 {
				out.Flush()
			}
		}
		if err != nil {
			out.Flush()
			return
		}
	}
}

func answer(req request) (ok interface{}, errp *string) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("panic: %v", r)
			ok, errp = nil, &msg
		}
	}()
	h, found := handlers[req.Kind]
	if !found {
		msg := "unknown kind " + req.Kind
		return nil, &msg
	}
	v, err := h(req.Q)
	if err != nil {
		msg := err.Error()
		return nil, &msg
	}
	return v, nil
}

func init() {
	register("echo", func(q json.RawMessage) (interface{}, error) { return q, nil })
}
