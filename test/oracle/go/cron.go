// robfig/cron oracle: parses specs with the parser options upstream uses, walks Next() from a
// given instant in a given zone, runs upstream's PrevCronTime algorithm (copied from
// pkg/shared/util/cronutil.go for comparison only), and parses/formats Go durations.
package main

import (
	"encoding/json"
	"fmt"
	"time"

	cronlib "github.com/robfig/cron/v3"
)

type cronQuery struct {
	Spec        string `json:"spec"`
	Seconds     bool   `json:"seconds"`
	Descriptors bool   `json:"descriptors"`
	Zone        string `json:"zone"`
	AfterMs     int64  `json:"afterMs"`
	Count       int    `json:"count"`
}

type cronAnswer struct {
	Error string  `json:"error,omitempty"`
	Times []int64 `json:"times"` // Unix seconds; -62135596800 is the zero time
}

func cronParser(q cronQuery) cronlib.Parser {
	var opts cronlib.ParseOption
	if q.Seconds {
		opts = cronlib.Second | cronlib.Minute | cronlib.Hour | cronlib.Dom | cronlib.Month | cronlib.DowOptional
	} else {
		opts = cronlib.Minute | cronlib.Hour | cronlib.Dom | cronlib.Month | cronlib.Dow
	}
	if q.Descriptors {
		opts |= cronlib.Descriptor
	}
	return cronlib.NewParser(opts)
}

func cronStart(q cronQuery) (time.Time, error) {
	loc, err := time.LoadLocation(q.Zone)
	if err != nil {
		return time.Time{}, err
	}
	return time.UnixMilli(q.AfterMs).In(loc), nil
}

func cronNext(q cronQuery) (ans cronAnswer) {
	defer func() {
		if r := recover(); r != nil {
			ans.Error = fmt.Sprintf("panic: %v", r)
		}
	}()
	ans.Times = []int64{}
	sched, err := cronParser(q).Parse(q.Spec)
	if err != nil {
		ans.Error = err.Error()
		return
	}
	t, err := cronStart(q)
	if err != nil {
		ans.Error = err.Error()
		return
	}
	for i := 0; i < q.Count; i++ {
		t = sched.Next(t)
		ans.Times = append(ans.Times, t.Unix())
		if t.IsZero() {
			break
		}
	}
	return
}

func cronPrev(q cronQuery) (ans cronAnswer) {
	defer func() {
		if r := recover(); r != nil {
			ans.Error = fmt.Sprintf("panic: %v", r)
		}
	}()
	ans.Times = []int64{}
	t, err := cronStart(q)
	if err != nil {
		ans.Error = err.Error()
		return
	}
	p, err := oraclePrevCronTime(q.Spec, cronParser(q), t)
	if err != nil {
		ans.Error = err.Error()
		return
	}
	ans.Times = append(ans.Times, p.Unix())
	return
}

const oracleStarBit = 1 << 63

// oraclePrevCronTime is upstream's PrevCronTime (pkg/shared/util/cronutil.go), verbatim logic.
func oraclePrevCronTime(cronSpec string, parser cronlib.Parser, t time.Time) (time.Time, error) {
	var tm time.Time
	sched, err := parser.Parse(cronSpec)
	if err != nil {
		return tm, fmt.Errorf("can't derive previous Cron time for cron spec %s; couldn't parse; err=%v", cronSpec, err)
	}
	s, castOk := sched.(*cronlib.SpecSchedule)
	if !castOk {
		return tm, fmt.Errorf("can't derive previous Cron time for cron spec %s: unexpected type for %v", cronSpec, sched)
	}
	origLocation := t.Location()
	loc := s.Location
	if loc == time.Local {
		loc = t.Location()
	}
	if s.Location != time.Local {
		t = t.In(s.Location)
	}
	t = t.Add(-1*time.Second - time.Duration(t.Nanosecond())*time.Nanosecond)
	yearLimit := t.Year() - 5
WRAP:
	if t.Year() < yearLimit {
		return tm, fmt.Errorf("can't derive previous Cron time for cron spec %s: no time found within %d years", cronSpec, yearLimit)
	}
	for 1<<uint(t.Month())&s.Month == 0 {
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
		t = t.Add(-1 * time.Second)
		if t.Month() == time.December {
			goto WRAP
		}
	}
	for !oracleDayMatches(s, t) {
		saveMonth := t.Month()
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if t.Hour() != 0 {
			if t.Hour() > 12 {
				t = t.Add(time.Duration(24-t.Hour()) * time.Hour)
			} else {
				t = t.Add(time.Duration(-t.Hour()) * time.Hour)
			}
		}
		t = t.Add(-1 * time.Second)
		if saveMonth != t.Month() {
			goto WRAP
		}
	}
	for 1<<uint(t.Hour())&s.Hour == 0 {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, loc)
		t = t.Add(-1 * time.Second)
		if t.Hour() == 23 {
			goto WRAP
		}
	}
	for 1<<uint(t.Minute())&s.Minute == 0 {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, loc)
		t = t.Add(-1 * time.Second)
		if t.Minute() == 59 {
			goto WRAP
		}
	}
	for 1<<uint(t.Second())&s.Second == 0 {
		t = t.Add(-1 * time.Second)
		if t.Second() == 59 {
			goto WRAP
		}
	}
	return t.In(origLocation), nil
}

func oracleDayMatches(s *cronlib.SpecSchedule, t time.Time) bool {
	var (
		domMatch = 1<<uint(t.Day())&s.Dom > 0
		dowMatch = 1<<uint(t.Weekday())&s.Dow > 0
	)
	if s.Dom&oracleStarBit > 0 || s.Dow&oracleStarBit > 0 {
		return domMatch && dowMatch
	}
	return domMatch || dowMatch
}

type durationAnswer struct {
	Error string `json:"error,omitempty"`
	Ns    string `json:"ns"`
	Text  string `json:"text"`
}

func init() {
	register("cron.next", func(raw json.RawMessage) (interface{}, error) {
		var q cronQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		return cronNext(q), nil
	})
	register("cron.prev", func(raw json.RawMessage) (interface{}, error) {
		var q cronQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return nil, err
		}
		return cronPrev(q), nil
	})
	register("duration.parse", func(raw json.RawMessage) (interface{}, error) {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return durationAnswer{Error: err.Error()}, nil
		}
		return durationAnswer{Ns: fmt.Sprint(int64(d)), Text: d.String()}, nil
	})
}
