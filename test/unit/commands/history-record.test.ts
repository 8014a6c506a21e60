import { describe, expect, it } from 'vitest';
import { historyFile } from '../../../src/commands/history-record.js';

describe('historyFile', () => {
  it('takes the flag over the config word over the default, and false turns recording off', () => {
    expect(historyFile(undefined, undefined)).toBe('.scale-audit/history.db');
    expect(historyFile(undefined, 'ci.db')).toBe('ci.db');
    expect(historyFile('flag.db', 'ci.db')).toBe('flag.db');
    expect(historyFile(false, 'ci.db')).toBeNull();
    expect(historyFile(undefined, false)).toBeNull();
    expect(historyFile('flag.db', false)).toBe('flag.db');
  });
});
