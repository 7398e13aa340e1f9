// Go regexp oracle for test/api/regexp.differential.test.ts (watch-path pathRegexp checks).
// Kind:
//
//	"regexp.compile" {patterns[]} -> one error text per pattern ("" when it compiles)
package main

import (
	"encoding/json"
	"regexp"
)

type regexpQuery struct {
	Patterns []string `json:"patterns"`
}

func init() {
	register("regexp.compile", func(raw json.RawMessage) (interface{}, error) {
		var q regexpQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		out := make([]string, len(q.Patterns))
		for i, p := range q.Patterns {
			if _, err := regexp.Compile(p); err != nil {
				out[i] = err.Error()
			}
		}
		return out, nil
	})
}
