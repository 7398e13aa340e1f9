/**
 * Lua for `transform.script` and `filters.script`: upstream runs gopher-lua (Lua 5.1); Argus runs
 * real Lua 5.4 in wasm (wasmoon) with
 * - a fresh interpreter per evaluation, as upstream;
 * - a Lua 5.1 prelude (`unpack`, `math.pow`, `math.mod`, `table.getn`, `table.maxn`, `string.gfind`);
 * - a sandbox: `os`, `io`, `require`, `package`, `load`, `loadstring`, `loadfile`, `dofile`,
 *   `debug`, `collectgarbage` are removed before user code runs (upstream opens them all);
 * - an instruction budget (count hook) and a memory cap, so a runaway script ends with a clear
 *   error instead of hanging the sensor;
 * - upstream's conversions: JSON → table drops `null` members and `null`/array elements of arrays;
 *   table → JSON follows gopher-lua's `toGoValue` (MaxN > 0 or `__is_array` ⇒ array, else object
 *   with `tostring` keys). Keys are sorted on output as Go's encoder does.
 */
import { LuaEngine, LuaFactory } from 'wasmoon';
import { ScriptError } from '../../shared/errors.js';

/** Limits for one evaluation. */
export interface LuaLimits {
  /** Lua VM instructions a script may execute. @default 10_000_000 (about 0.3 s) */
  readonly instructions?: number;
  /** Bytes the interpreter may allocate. @default 64 MiB */
  readonly memoryBytes?: number;
}

type LuaModule = Awaited<ReturnType<LuaFactory['getLuaModule']>>;

/** A loaded Lua wasm module; creating interpreters from it is synchronous. */
export interface LuaRuntime {
  readonly module: LuaModule;
}

let loading: Promise<LuaRuntime> | undefined;

/** Loads the Lua wasm module once per process. */
export function loadLuaRuntime(): Promise<LuaRuntime> {
  loading ??= new LuaFactory().getLuaModule().then((module) => ({ module }));
  return loading;
}

// The driver: captures what it needs as locals, installs the budget hook, strips the sandboxed
// globals, then runs the user chunk and converts its last return value.
const driver = String.raw`
local src, mode, budget, fix = __argus_src, __argus_mode, __argus_budget, __argus_fix
__argus_src, __argus_mode, __argus_budget, __argus_fix = nil, nil, nil, nil
if fix then
  -- integers beyond 2^53 arrive as {__argus_float = "<text>"}: make them floats, as gopher-lua has them
  local function walk(t)
    for k, v in pairs(t) do
      if type(v) == 'table' then
        if v.__argus_float ~= nil then t[k] = tonumber(v.__argus_float) + 0.0 else walk(v) end
      end
    end
  end
  walk(event)
end
unpack = table.unpack
table.getn = function(t) return #t end
table.maxn = function(t) local m = 0 for k in pairs(t) do if type(k) == 'number' and k > m then m = k end end return m end
math.pow = function(x, y) return x ^ y end
math.mod = math.fmod
math.ldexp = function(m, e) return m * 2.0 ^ e end
string.gfind = string.gmatch
local load, sethook, pack, type_, pairs_, error_ = load, debug.sethook, table.pack, type, pairs, error
local tostring_, format, mathtype, floor, concat = tostring, string.format, math.type, math.floor, table.concat
local getmetatable_, rawget_, gsub, byte = getmetatable, rawget, string.gsub, string.byte
for _, k in ipairs({'os', 'io', 'require', 'package', 'load', 'loadstring', 'loadfile', 'dofile', 'debug', 'collectgarbage'}) do _G[k] = nil end
local f, err = load(src, '=script', 't')
if not f then error_(err, 0) end
local used = 0
local function exhausted() error_('lua script exceeded its budget of ' .. budget .. ' instructions', 0) end
sethook(function()
  used = used + 1000
  if used > budget then sethook(exhausted, '', 1); exhausted() end
end, '', 1000)
local r = pack(f())
local last = r[r.n]
if mode == 'filter' then sethook(); return last == true end
if type_(last) ~= 'table' then sethook(); error_('transformation script output type is not of lua table', 0) end
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
local out = enc(last, 0)
sethook()
return out
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
  const engine = new LuaEngine(rt.module, {
    enableProxy: false,
    injectObjects: false,
    openStandardLibs: true,
    traceAllocations: true,
  });
  try {
    engine.global.setMemoryMax(limits.memoryBytes ?? 64 * 1024 * 1024);
    const unsafe = { seen: false };
    engine.global.set('event', toLuaInput(data as Record<string, unknown>, unsafe));
    engine.global.set('__argus_fix', unsafe.seen);
    engine.global.set('__argus_src', script);
    engine.global.set('__argus_mode', mode);
    engine.global.set('__argus_budget', limits.instructions ?? 10_000_000);
    return engine.doStringSync(driver) as unknown;
  } catch (err) {
    if (err instanceof ScriptError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ScriptError(message.replace(/^\[string "[^"]*"\]:\d+: /, ''), { cause: err });
  } finally {
    engine.global.close();
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
