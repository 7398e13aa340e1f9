import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './main.js';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) },
    out: () => out,
    err: () => err,
  };
}

test('argus --version prints the version and exits 0', async () => {
  const c = capture();
  assert.equal(await main(['--version'], c.io, {}), 0);
  assert.match(c.out(), /^\d+\.\d+\.\d+/);
});

test('an unknown command is a usage error with exit code 2', async () => {
  const c = capture();
  assert.equal(await main(['no-such-command'], c.io, {}), 2);
  assert.match(c.err(), /^error: /);
});
