/** `filters.script` (`filters.md` §8): a Lua script over the data; passes iff it returns `true`. */
import type { Event } from '../event.js';
import { decodeDataForScript } from '../transform/index.js';
import { runLuaFilter, type LuaLimits, type LuaRuntime } from '../transform/lua.js';
import type { KindVerdict } from './verdict.js';

/** Evaluates a script filter. Errors are fatal even with `filtersLogicalOperator: or`. */
export function evaluateScriptFilter(
  script: string,
  event: Event,
  lua: LuaRuntime | undefined,
  limits: LuaLimits | undefined,
): KindVerdict {
  if (script === '') return { pass: true, reasons: [] };
  if (event.data === null)
    return { pass: true, reasons: ['script: event has no data, passes (as upstream)'] };
  try {
    if (lua === undefined) throw new Error('lua runtime not loaded');
    const pass = runLuaFilter(lua, script, decodeDataForScript(event.data), limits);
    return {
      pass,
      reasons: [`script: returned ${pass ? 'true: passes' : 'something other than true: fails'}`],
    };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { pass: false, error: msg, reasons: [`script: error: ${msg}`] };
  }
}
