// govaluate filter expressions, cron next() and expr-lang source filters.
import type { Benchmark } from './bench.js';
import { opsPerSecond } from './bench.js';
import { parseExpression } from '../src/kernels/expr/index.js';
import { parseSchedule } from '../src/kernels/cron/index.js';
import { compileExprLang } from '../src/kernels/expr-lang/index.js';

// A typical Sensor expr filter: two fields bound from the event, a comparison, a regex and a membership test.
const govaluateSource =
  'action == "opened" && (number > 10 || title =~ "^feat") && label in ("bug", "Webhook")';
const params = { action: 'opened', number: 42, title: 'feat: add the thing', label: 'Webhook' };

const exprLangSource = "(body.action == 'opened') && body.number > 10 && 'Webhook' in body.labels";
const exprLangEnv = { body: { action: 'opened', number: 42, labels: ['bug', 'Webhook'] } };

export const exprBenchmark: Benchmark = {
  name: 'expr',
  description:
    `govaluate: evaluate a parsed \`${govaluateSource}\` (and parse+evaluate); cron: next() of ` +
    '"*/5 * * * *" in UTC and "30 2 * * 1-5" in America/New_York from a moving instant; ' +
    `expr-lang: evaluate a compiled \`${exprLangSource}\``,
  run({ quick }) {
    const ms = quick ? 300 : 1500;
    const parsed = parseExpression(govaluateSource);
    const cronUtc = parseSchedule('*/5 * * * *');
    const cronNy = parseSchedule('30 2 * * 1-5', { defaultTimezone: 'America/New_York' });
    const compiled = compileExprLang(exprLangSource);
    let t = Date.UTC(2024, 0, 1);
    const step = 7 * 60 * 1000 + 13_000;
    return Promise.resolve({
      govaluate_evaluations_per_s: opsPerSecond(() => parsed.evaluate(params), ms),
      govaluate_parse_and_evaluate_per_s: opsPerSecond(
        () => parseExpression(govaluateSource).evaluate(params),
        ms,
      ),
      cron_next_utc_per_s: opsPerSecond(() => cronUtc.next(new Date((t += step))), ms),
      cron_next_new_york_per_s: opsPerSecond(() => cronNy.next(new Date((t += step))), ms),
      expr_lang_evaluations_per_s: opsPerSecond(() => compiled(exprLangEnv), ms),
    });
  },
};
