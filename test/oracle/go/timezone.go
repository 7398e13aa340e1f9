// Time zone oracle for test/api/time-zone.differential.test.ts.
// Kind:
//
//	"time.loadLocation" {zones[]} -> one error text per zone ("" when Go loads it)
//	"time.parseTimeOfDay" {times[]} -> per time {seconds} since midnight or {err}, as upstream's
//	  ParseTime parses a time filter's start/stop ("2006-01-02 15:04:05" on a fixed date)
package main

import (
	"encoding/json"
	"time"
)

type timesQuery struct {
	Times []string `json:"times"`
}

type timeOfDay struct {
	Seconds float64 `json:"seconds"`
	Err     string  `json:"err,omitempty"`
}

type zonesQuery struct {
	Zones []string `json:"zones"`
}

func init() {
	register("time.parseTimeOfDay", func(raw json.RawMessage) (interface{}, error) {
		var q timesQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		out := make([]timeOfDay, len(q.Times))
		for i, t := range q.Times {
			parsed, err := time.Parse("2006-01-02 15:04:05", "2024-07-15 "+t)
			if err != nil {
				out[i] = timeOfDay{Err: err.Error()}
				continue
			}
			midnight := time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC)
			out[i] = timeOfDay{Seconds: parsed.Sub(midnight).Seconds()}
		}
		return out, nil
	})
	register("time.loadLocation", func(raw json.RawMessage) (interface{}, error) {
		var q zonesQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		out := make([]string, len(q.Zones))
		for i, z := range q.Zones {
			if _, err := time.LoadLocation(z); err != nil {
				out[i] = err.Error()
			}
		}
		return out, nil
	})
}
