// YAML oracle for test/api/yaml.differential.test.ts: parses manifests with go-yaml v2 (what
// sigs.k8s.io/yaml uses) into untyped values and turns map keys into strings the way
// sigs.k8s.io/yaml's convertToJSONableObject does, so the result is the JSON that upstream's
// decoder sees.
// Kind:
//
//	"yaml.v2" {text} -> {documents: [value, ...]} (one value per "---" document) or an error
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	yaml "gopkg.in/yaml.v2"
)

type yamlQuery struct {
	Text string `json:"text"`
}

func jsonable(v interface{}) (interface{}, error) {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		out := map[string]interface{}{}
		for k, val := range t {
			var key string
			switch tk := k.(type) {
			case string:
				key = tk
			case int:
				key = strconv.Itoa(tk)
			case int64:
				key = strconv.FormatInt(tk, 10)
			case float64:
				key = strconv.FormatFloat(tk, 'g', -1, 32)
			case bool:
				key = strconv.FormatBool(tk)
			default:
				return nil, fmt.Errorf("unsupported map key of type: %T", k) // as sigs.k8s.io/yaml
			}
			c, err := jsonable(val)
			if err != nil {
				return nil, err
			}
			out[key] = c
		}
		return out, nil
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, e := range t {
			c, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	default:
		return v, nil
	}
}

func init() {
	register("yaml.v2", func(raw json.RawMessage) (interface{}, error) {
		var q yamlQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		dec := yaml.NewDecoder(bytes.NewReader([]byte(q.Text)))
		docs := []interface{}{}
		for {
			var v interface{}
			err := dec.Decode(&v)
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			if v == nil {
				continue
			}
			c, err := jsonable(v)
			if err != nil {
				return nil, err
			}
			docs = append(docs, c)
		}
		return map[string]interface{}{"documents": docs}, nil
	})
}
