// Oracle handler "template": Go's text/template with sprig v3's TxtFuncMap, as Argo Events
// renders dataTemplate/contextTemplate. Query: {template, data (JSON, unmarshalled into
// interface{}), now (RFC 3339, the instant `now` returns), env (what `env`/`expandenv` read),
// name (template name, default "param")}. Answer: {out} or the error text.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"text/template"
	"time"

	sprig "github.com/Masterminds/sprig/v3"
)

type templateQuery struct {
	Template string            `json:"template"`
	Data     json.RawMessage   `json:"data"`
	Now      string            `json:"now"`
	Env      map[string]string `json:"env"`
	Name     string            `json:"name"`
}

type templateAnswer struct {
	Out string `json:"out"`
}

func init() {
	register("template", func(q json.RawMessage) (interface{}, error) {
		var tq templateQuery
		if err := json.Unmarshal(q, &tq); err != nil {
			return nil, err
		}
		var data interface{}
		if len(tq.Data) > 0 {
			if err := json.Unmarshal(tq.Data, &data); err != nil {
				return nil, err
			}
		}
		funcs := sprig.TxtFuncMap()
		if tq.Now != "" {
			now, err := time.Parse(time.RFC3339Nano, tq.Now)
			if err != nil {
				return nil, err
			}
			now = now.In(time.Local)
			funcs["now"] = func() time.Time { return now }
		}
		env := tq.Env
		funcs["env"] = func(k string) string { return env[k] }
		funcs["expandenv"] = func(s string) string { return os.Expand(s, func(k string) string { return env[k] }) }
		name := tq.Name
		if name == "" {
			name = "param"
		}
		tpl, err := template.New(name).Funcs(funcs).Parse(tq.Template)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := tpl.Execute(&buf, data); err != nil {
			return nil, err
		}
		return templateAnswer{Out: buf.String()}, nil
	})
	// "template-funcs": the names in sprig.TxtFuncMap(), sorted — the set Argus must cover.
	register("template-funcs", func(q json.RawMessage) (interface{}, error) {
		names := []string{}
		for k := range sprig.TxtFuncMap() {
			names = append(names, k)
		}
		sort.Strings(names)
		return names, nil
	})
}
