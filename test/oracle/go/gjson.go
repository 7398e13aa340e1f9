// gjson oracle handlers for the differential tests of src/kernels/gjson-path.
// Kinds:
//
//	"gjson.get"   {json, paths[]}  -> one answer per path (see describe)
//	"gjson.chain" {json, pairs[]}  -> describe(gjson.Get(json, a).Get(b)) per [a, b]
//	"gjson.parse" {json}           -> describe(gjson.Parse(json)) plus valid
//	"gjson.float" {ss[]}           -> strconv.ParseFloat results (as Go would feed Result.Float)
package main

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/tidwall/gjson"
)

type gjsonGetQuery struct {
	JSON  string   `json:"json"`
	Paths []string `json:"paths"`
}

type gjsonElem struct {
	Type  string `json:"type"`
	Raw   string `json:"raw"`
	Index int    `json:"index"`
	Key   string `json:"key,omitempty"`
}

type gjsonAnswer struct {
	Type    string      `json:"type"`
	Raw     string      `json:"raw"`
	Str     string      `json:"str"`
	String  string      `json:"string"`
	Num     interface{} `json:"num"`
	Float   interface{} `json:"float"`
	Bool    bool        `json:"bool"`
	Int     string      `json:"int"`
	Exists  bool        `json:"exists"`
	Index   int         `json:"index"`
	Indexes []int       `json:"indexes"`
	Value   string      `json:"value"`
	Array   []gjsonElem `json:"array"`
	Each    []gjsonElem `json:"each"`
}

// jsonFloat keeps NaN and infinities representable: JSON has no literal for them.
func jsonFloat(f float64) interface{} {
	if math.IsNaN(f) {
		return "NaN"
	}
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	if math.IsInf(f, -1) {
		return "-Inf"
	}
	if f == 0 && math.Signbit(f) {
		return "-0"
	}
	return f
}

func describe(r gjson.Result) gjsonAnswer {
	a := gjsonAnswer{
		Type: r.Type.String(), Raw: r.Raw, Str: r.Str, String: r.String(),
		Num: jsonFloat(r.Num), Float: jsonFloat(r.Float()), Bool: r.Bool(),
		Int: strconv.FormatInt(r.Int(), 10), Exists: r.Exists(), Index: r.Index, Indexes: r.Indexes,
	}
	if b, err := json.Marshal(r.Value()); err == nil {
		a.Value = string(b)
	} else {
		a.Value = "ERR"
	}
	a.Array = []gjsonElem{}
	for _, e := range r.Array() {
		a.Array = append(a.Array, gjsonElem{Type: e.Type.String(), Raw: e.Raw, Index: e.Index})
	}
	a.Each = []gjsonElem{}
	r.ForEach(func(k, v gjson.Result) bool {
		a.Each = append(a.Each, gjsonElem{Type: v.Type.String(), Raw: v.Raw, Index: v.Index, Key: k.String()})
		return true
	})
	return a
}

func init() {
	register("gjson.get", func(q json.RawMessage) (interface{}, error) {
		var in gjsonGetQuery
		if err := json.Unmarshal(q, &in); err != nil {
			return nil, err
		}
		out := make([]gjsonAnswer, len(in.Paths))
		for i, p := range in.Paths {
			out[i] = describe(gjson.Get(in.JSON, p))
		}
		return out, nil
	})
	register("gjson.chain", func(q json.RawMessage) (interface{}, error) {
		var in struct {
			JSON  string      `json:"json"`
			Pairs [][2]string `json:"pairs"`
		}
		if err := json.Unmarshal(q, &in); err != nil {
			return nil, err
		}
		out := make([]gjsonAnswer, len(in.Pairs))
		for i, p := range in.Pairs {
			out[i] = describe(gjson.Get(in.JSON, p[0]).Get(p[1]))
		}
		return out, nil
	})
	register("gjson.parse", func(q json.RawMessage) (interface{}, error) {
		var in struct {
			JSON string `json:"json"`
		}
		if err := json.Unmarshal(q, &in); err != nil {
			return nil, err
		}
		return map[string]interface{}{"result": describe(gjson.Parse(in.JSON)), "valid": gjson.Valid(in.JSON)}, nil
	})
	register("gjson.float", func(q json.RawMessage) (interface{}, error) {
		var in struct {
			SS []string `json:"ss"`
		}
		if err := json.Unmarshal(q, &in); err != nil {
			return nil, err
		}
		out := make([]interface{}, len(in.SS))
		for i, s := range in.SS {
			f, _ := strconv.ParseFloat(s, 64)
			out[i] = jsonFloat(f)
		}
		return out, nil
	})
}
