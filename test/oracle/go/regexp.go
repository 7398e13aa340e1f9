// Go regexp oracle for test/api/regexp.differential.test.ts (watch-path pathRegexp checks).
// Kinds:
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

// "regexp.match" {cases[{pattern, subject}]} -> per case {error} when the pattern does not
// compile, else {match: MatchString, index: FindStringIndex (byte offsets, null when none)}.
type regexpMatchQuery struct {
	Cases []struct {
		Pattern string `json:"pattern"`
		Subject string `json:"subject"`
	} `json:"cases"`
}

type regexpMatchResult struct {
	Error string `json:"error,omitempty"`
	Match bool   `json:"match"`
	Index []int  `json:"index"`
}

func init() {
	register("regexp.match", func(raw json.RawMessage) (interface{}, error) {
		var q regexpMatchQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		out := make([]regexpMatchResult, len(q.Cases))
		compiled := map[string]*regexp.Regexp{}
		for i, c := range q.Cases {
			re, ok := compiled[c.Pattern]
			if !ok {
				var err error
				if re, err = regexp.Compile(c.Pattern); err != nil {
					out[i] = regexpMatchResult{Error: err.Error()}
					continue
				}
				compiled[c.Pattern] = re
			}
			out[i] = regexpMatchResult{Match: re.MatchString(c.Subject), Index: re.FindStringIndex(c.Subject)}
		}
		return out, nil
	})
}
