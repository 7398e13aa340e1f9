// govaluate oracle: parses and evaluates an expression exactly as upstream's expr filter does
// (govaluate.NewEvaluableExpression + Evaluate with JSON-decoded parameters).
package main

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/Knetic/govaluate"
)

type govaluateQuery struct {
	Expr   string                 `json:"expr"`
	Params map[string]interface{} `json:"params"`
}

// govaluateAnswer describes the outcome; numbers that JSON cannot carry travel as text.
type govaluateAnswer struct {
	Stage string      `json:"stage"` // "parse", "eval" or "ok"
	Error string      `json:"error,omitempty"`
	Value interface{} `json:"value"`
	Float string      `json:"float,omitempty"`
	Vars  []string    `json:"vars"`
	Kind  string      `json:"kind"`
}

func govaluateRun(q govaluateQuery) (ans govaluateAnswer) {
	defer func() {
		if r := recover(); r != nil {
			ans.Error = fmt.Sprintf("panic: %v", r)
		}
	}()
	ans.Stage = "parse"
	expr, err := govaluate.NewEvaluableExpression(q.Expr)
	if err != nil {
		ans.Error = err.Error()
		return
	}
	ans.Vars = expr.Vars()
	if ans.Vars == nil {
		ans.Vars = []string{}
	}
	ans.Stage = "eval"
	v, err := expr.Evaluate(q.Params)
	if err != nil {
		ans.Error = err.Error()
		return
	}
	ans.Stage = "ok"
	switch x := v.(type) {
	case float64:
		ans.Kind = "number"
		if math.IsNaN(x) || math.IsInf(x, 0) || (x == 0 && math.Signbit(x)) {
			ans.Float = fmt.Sprintf("%v", x)
		} else {
			ans.Value = x
		}
	case nil:
		ans.Kind = "nil"
	default:
		ans.Kind = fmt.Sprintf("%T", v)
		ans.Value = fmt.Sprintf("%v", v)
		if b, ok := v.(bool); ok {
			ans.Kind = "bool"
			ans.Value = b
		}
		if s, ok := v.(string); ok {
			ans.Kind = "string"
			ans.Value = s
		}
	}
	return
}

func init() {
	register("govaluate", func(raw json.RawMessage) (interface{}, error) {
		var q govaluateQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		return govaluateRun(q), nil
	})
}
