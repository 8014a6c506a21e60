import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import { actionsFromFlags, withDrillFlags } from '../../../src/drill/schedule-flags.js';
import { ConfigError } from '../../../src/errors.js';

const base = (extra: Record<string, unknown> = {}) =>
  validateConfig({ target: 'http://127.0.0.1:1', load: { rate: 5, duration: '60s' }, ...extra });

describe('--action / --recover', () => {
  it('parses "<at>:<command>" (the command may hold colons) and pairs recoveries by position', () => {
    const actions = actionsFromFlags({
      action: ['30s:kubectl delete pod web-1 --namespace=a:b', '45:kill 12'],
      recover: ['1m:kubectl scale deploy web --replicas=3'],
    });
    expect(actions).toEqual([
      {
        at: 30_000,
        run: 'kubectl delete pod web-1 --namespace=a:b',
        timeout: 30_000,
        recover: { at: 60_000, run: 'kubectl scale deploy web --replicas=3', timeout: 30_000 },
      },
      { at: 45_000, run: 'kill 12', timeout: 30_000 },
    ]);
  });

  it('rejects a malformed action, and more recoveries than actions', () => {
    expect(() => actionsFromFlags({ action: ['kill 12'] })).toThrow(
      /--action: expected '<at>:<command>' like '30s:kill 1234', got "kill 12"/,
    );
    expect(() => actionsFromFlags({ action: ['soon:kill 12'] })).toThrow(ConfigError);
    expect(() => actionsFromFlags({ action: ['10s:a'], recover: ['20s:b', '30s:c'] })).toThrow(
      /2 recovery command\(s\) but 1 --action/,
    );
  });
});

describe('withDrillFlags', () => {
  it('flags replace the config’s actions; the config’s consecutive stays', () => {
    const config = base({ drill: { actions: [{ at: '5s', run: 'from-config' }], consecutive: 5 } });
    expect(withDrillFlags(config, { action: ['10s:from-flag'] }).drill).toEqual({
      actions: [{ at: 10_000, run: 'from-flag', timeout: 30_000 }],
      consecutive: 5,
    });
    expect(withDrillFlags(config, {}).drill?.actions[0]?.run).toBe('from-config');
  });

  it('requires at least one action', () => {
    expect(() => withDrillFlags(base(), {})).toThrow(/drill: no action to run: give --action/);
  });

  it('rejects a fault after the load and a recovery before its fault', () => {
    expect(() => withDrillFlags(base(), { action: ['60s:x'] })).toThrow(
      /drill.actions\[0\].at: 60 s is not before the end of the load \(60 s measured\)/,
    );
    expect(() => withDrillFlags(base(), { action: ['20s:x'], recover: ['10s:y'] })).toThrow(
      /recover.at: 10 s is before its action at 20 s/,
    );
  });
});
