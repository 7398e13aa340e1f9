// Event-source validation oracle (src/api/eventsource): Go's time.ParseDuration and
// robfig/cron's five-field parser exactly as upstream's validators call them.
package main

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/robfig/cron/v3"
)

type eventSourceCheckAnswer struct {
	Valid       bool   `json:"valid"`
	Error       string `json:"error"`
	Nanoseconds string `json:"nanoseconds"`
}

func init() {
	register("eventsource.parseDuration", func(q json.RawMessage) (interface{}, error) {
		var text string
		if err := json.Unmarshal(q, &text); err != nil {
			return nil, err
		}
		d, err := time.ParseDuration(text)
		if err != nil {
			return eventSourceCheckAnswer{Error: err.Error()}, nil
		}
		return eventSourceCheckAnswer{Valid: true, Nanoseconds: strconv.FormatInt(int64(d), 10)}, nil
	})
	register("eventsource.cronSpec", func(q json.RawMessage) (ans interface{}, err error) {
		var spec string
		if err := json.Unmarshal(q, &spec); err != nil {
			return nil, err
		}
		defer func() {
			// upstream's parser panics on some inputs (e.g. "TZ=x" without a space)
			if r := recover(); r != nil {
				ans, err = eventSourceCheckAnswer{Error: "panic"}, nil
			}
		}()
		parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)
		if _, perr := parser.Parse(spec); perr != nil {
			return eventSourceCheckAnswer{Error: perr.Error()}, nil
		}
		return eventSourceCheckAnswer{Valid: true}, nil
	})
}
