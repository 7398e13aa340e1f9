/**
 * Lua for `transform.script` and `filters.script`: upstream runs gopher-lua (Lua 5.1) in a fresh
 * state per evaluation; Argus runs real Lua 5.4 in wasm (wasmoon) with
 * - one interpreter per script, and a **fresh global environment per evaluation** (globals a run
 *   sets are gone for the next; standard library tables are copied per run), so runs cannot see
 *   each other, as upstream's fresh state guarantees;
 * - a Lua 5.1 prelude (`unpack`, `math.pow`, `math.mod`, `math.ldexp`, `table.getn`, `table.maxn`,
 *   `string.gfind`);
 * - a sandbox: `os`, `io`, `require`, `package`, `load`, `loadstring`, `loadfile`, `dofile`,
 *   `debug`, `collectgarbage` are absent, `print` does nothing, `getmetatable` of a string is nil
 *   (upstream opens every library);
 * - an instruction budget (count hook) and a memory cap, so a runaway script ends with a clear
 *   error instead of hanging the sensor;
 * - upstream's conversions: JSON → table drops `null` members and `null`/array elements of arrays;
 *   table → JSON follows gopher-lua's `toGoValue` (MaxN > 0 or `__is_array` ⇒ array, else object
 *   with `tostring` keys). Keys are sorted on output, as Go's encoder does.
 */
import { LuaEngine, LuaFactory } from 'wasmoon';
import { ScriptError } from '../../shared/errors.js';

/** Limits for one evaluation. */
export interface LuaLimits {
  /** Lua VM instructions one evaluation may execute. @default 10_000_000 (about 0.3 s) */
  readonly instructions?: number;
  /** Bytes one script's interpreter may hold. @default 64 MiB */
  readonly memoryBytes?: number;
}

type LuaModule = Awaited<ReturnType<LuaFactory['getLuaModule']>>;

/** A loaded Lua wasm module plus the interpreters of the scripts seen so far. */
export interface LuaRuntime {
  readonly module: LuaModule;
}

let loading: Promise<LuaRuntime> | undefined;

/** Loads the Lua wasm module once per process. */
export function loadLuaRuntime(): Promise<LuaRuntime> {
  loading ??= new LuaFactory().getLuaModule().then((module) => ({ module }));
  return loading;
}

// Set up once per interpreter: compiles the user chunk (syntax errors surface here), captures what
// the runner needs as locals, then leaves only `__argus_run` reachable from JS. User code never
// sees this environment: each run gets a new one built from `safe`.
const setup = String.raw`
local src = __argus_src
__argus_src = nil
local load, sethook, setupvalue, pack, type_, pairs_, error_, pcall_ = load, debug.sethook, debug.setupvalue, table.pack, type, pairs, error, pcall
local tostring_, format, mathtype, floor, concat = tostring, string.format, math.type, math.floor, table.concat
local getmetatable_, setmetatable_, rawget_, gsub, byte = getmetatable, setmetatable, rawget, string.gsub, string.byte
local f, err = load(src, '=script', 't', {})
if not f then error_(err, 0) end

-- the globals a script may use; library tables are copied per run
local safe = {}
for _, k in ipairs({'assert', 'error', 'ipairs', 'next', 'pairs', 'pcall', 'rawequal', 'rawget', 'rawlen', 'rawset',
    'select', 'setmetatable', 'tonumber', 'tostring', 'type', 'xpcall', '_VERSION'}) do safe[k] = _G[k] end
safe.getmetatable = function(v) if type_(v) == 'string' then return nil end return getmetatable_(v) end
safe.print = function() end
safe.unpack = table.unpack
local libs = { string = string, table = table, math = math, utf8 = utf8, coroutine = coroutine }
local function copy(t) local c = {} for k, v in pairs_(t) do c[k] = v end return c end
local function newEnv(event)
  local env = copy(safe)
  for name, lib in pairs_(libs) do env[name] = copy(lib) end
  env.table.getn = function(t) return #t end
  env.table.maxn = function(t) local m = 0 for k in pairs_(t) do if type_(k) == 'number' and k > m then m = k end end return m end
  env.math.pow = function(x, y) return x ^ y end
  env.math.mod = math.fmod
  env.math.ldexp = function(m, e) return m * 2.0 ^ e end
  env.string.gfind = string.gmatch
  env._G = env
  env.event = event
  return env
end

local function fixFloats(t)
  -- integers beyond 2^53 arrive as {__argus_float = "<text>"}: make them floats, as gopher-lua has them
  for k, v in pairs_(t) do
    if type_(v) == 'table' then
      if v.__argus_float ~= nil then t[k] = tonumber(v.__argus_float) + 0.0 else fixFloats(v) end
    end
  end
end

local function quote(s)
  return '"' .. (gsub(s, '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == '\\' then return '\\\\' end
    return format('\\u%04x', byte(c))
  end)) .. '"'
end
local MAXARR = 67108864
local enc
enc = function(v, depth)
  local t = type_(v)
  if t == 'nil' then return 'null' end
  if t == 'boolean' then return v and 'true' or 'false' end
  if t == 'string' then return quote(v) end
  if t == 'number' then
    if v ~= v or v == 1/0 or v == -1/0 then error_('json: unsupported value: ' .. tostring_(v), 0) end
    if mathtype(v) == 'integer' then return format('%d', v) end
    return format('%.17g', v)
  end
  if t == 'table' then
    if depth > 200 then error_('table nested too deeply (a cycle?)', 0) end
    local maxn = 0
    for k in pairs_(v) do
      if type_(k) == 'number' and k >= 1 and k < MAXARR and k == floor(k) and k > maxn then maxn = k end
    end
    local mt = getmetatable_(v)
    if maxn > 0 or (type_(mt) == 'table' and rawget_(mt, '__is_array') == true) then
      local parts = {}
      for i = 1, maxn do parts[i] = enc(rawget_(v, i), depth + 1) end
      return '[' .. concat(parts, ',') .. ']'
    end
    local parts = {}
    for k, x in pairs_(v) do
      local ks
      if mathtype(k) == 'float' then ks = format('%.14g', k) else ks = tostring_(k) end
      parts[#parts + 1] = quote(ks) .. ':' .. enc(x, depth + 1)
    end
    return '{' .. concat(parts, ',') .. '}'
  end
  error_('cannot convert a Lua ' .. t .. ' to JSON', 0)
end

__argus_run = function(event, mode, budget, fix)
  if fix then fixFloats(event) end
  setupvalue(f, 1, newEnv(event))
  local used = 0
  local function exhausted() error_('lua script exceeded its budget of ' .. budget .. ' instructions', 0) end
  sethook(function()
    used = used + 1000
    if used > budget then sethook(exhausted, '', 1); exhausted() end
  end, '', 1000)
  local r = pack(pcall_(f))
  if not r[1] then sethook(); error_(r[2], 0) end
  local last = r[r.n]
  if r.n == 1 then last = nil end
  if mode == 'filter' then sethook(); return last == true end
  if type_(last) ~= 'table' then sethook(); error_('transformation script output type is not of lua table', 0) end
  local ok, out = pcall_(enc, last, 0)
  sethook()
  if not ok then error_(out, 0) end
  return out
end
for _, k in ipairs({'os', 'io', 'require', 'package', 'load', 'loadstring', 'loadfile', 'dofile', 'debug', 'collectgarbage'}) do _G[k] = nil end
`;

/** JSON → Lua input as upstream's mapToTable builds it: nulls dropped, arrays keep only scalars and objects. */
function toLuaInput(value: Record<string, unknown>, unsafe: { seen: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // wasmoon pushes integral numbers as Lua integers (int64): larger ones would wrap
  const num = (x: number): unknown => {
    if (Number.isInteger(x) && !Number.isSafeInteger(x)) {
      unsafe.seen = true;
      return { __argus_float: String(x) };
    }
    return x;
  };
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      for (const x of v) {
        if (x === null || Array.isArray(x)) continue;
        arr.push(
          typeof x === 'object'
            ? toLuaInput(x as Record<string, unknown>, unsafe)
            : typeof x === 'number'
              ? num(x)
              : x,
        );
      }
      out[k] = arr;
    } else if (typeof v === 'object') {
      out[k] = toLuaInput(v as Record<string, unknown>, unsafe);
    } else {
      out[k] = typeof v === 'number' ? num(v) : v;
    }
  }
  return out;
}

interface Interpreter {
  readonly engine: LuaEngine;
  readonly run: (event: unknown, mode: string, budget: number, fix: boolean) => unknown;
}

// one interpreter per (runtime, script, memory cap); evaluations of a script run one at a time
const interpreters = new WeakMap<LuaRuntime, Map<string, Interpreter | ScriptError>>();

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^\[string "[^"]*"\]:\d+: /, '');
}

function interpreterFor(rt: LuaRuntime, script: string, limits: LuaLimits): Interpreter {
  let byScript = interpreters.get(rt);
  if (byScript === undefined) {
    byScript = new Map();
    interpreters.set(rt, byScript);
  }
  const key = `${limits.memoryBytes ?? ''}\u0000${script}`;
  const known = byScript.get(key);
  if (known instanceof ScriptError) throw known;
  if (known !== undefined) return known;
  const engine = new LuaEngine(rt.module, {
    enableProxy: false,
    injectObjects: false,
    openStandardLibs: true,
    traceAllocations: true,
  });
  try {
    engine.global.setMemoryMax(limits.memoryBytes ?? 64 * 1024 * 1024);
    engine.global.set('__argus_src', script);
    engine.doStringSync(setup);
  } catch (err) {
    engine.global.close();
    // a syntax error is a property of the script: remember it
    const e = new ScriptError(messageOf(err), { cause: err });
    byScript.set(key, e);
    throw e;
  }
  if (byScript.size > 1000) {
    for (const i of byScript.values()) if (!(i instanceof ScriptError)) i.engine.global.close();
    byScript.clear();
  }
  const runner = engine.global.get('__argus_run') as unknown;
  if (typeof runner !== 'function') throw new ScriptError('lua runner missing');
  const interpreter: Interpreter = { engine, run: runner as Interpreter['run'] };
  byScript.set(key, interpreter);
  return interpreter;
}

function run(
  rt: LuaRuntime,
  script: string,
  data: unknown,
  mode: 'filter' | 'transform',
  limits: LuaLimits,
): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScriptError(
      `json: cannot unmarshal ${Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data} into Go value of type map[string]interface {}`,
    );
  }
  const interpreter = interpreterFor(rt, script, limits);
  const g = interpreter.engine.global;
  try {
    const unsafe = { seen: false };
    const event = toLuaInput(data as Record<string, unknown>, unsafe);
    return interpreter.run(event, mode, limits.instructions ?? 10_000_000, unsafe.seen);
  } catch (err) {
    const message = messageOf(err);
    if (/not enough memory/.test(message)) {
      // the memory cap was hit mid-allocation: start afresh next time
      interpreters.get(rt)?.delete(`${limits.memoryBytes ?? ''}\u0000${script}`);
      g.close();
    }
    throw new ScriptError(message, { cause: err });
  }
}

/**
 * Runs a script filter on decoded event data; true iff the script's last return value is `true`.
 * @throws ScriptError on syntax/runtime errors, data that is not an object, or exhausted budget.
 */
export function runLuaFilter(rt: LuaRuntime, script: string, data: unknown, limits: LuaLimits = {}): boolean {
  return run(rt, script, data, 'filter', limits) === true;
}

/**
 * Runs a transform script on decoded event data and returns the new data (a JSON value: usually
 * an object; an array when the table converts to one, as upstream accepts).
 * @throws ScriptError as {@link runLuaFilter}, and when the last return value is not a table.
 */
export function runLuaTransform(
  rt: LuaRuntime,
  script: string,
  data: unknown,
  limits: LuaLimits = {},
): unknown {
  const out = run(rt, script, data, 'transform', limits);
  if (typeof out !== 'string') throw new ScriptError('transformation script output type is not of lua table');
  return JSON.parse(out) as unknown;
}
