/**
 * Where Celery keeps a queue on Redis (kombu's Redis transport): a list named after the queue for priority 0,
 * and one list per other priority step named queue + sep + step, with sep "\x06\x16". kombu's default steps
 * are 0, 3, 6, 9; `priority_steps: list(range(10))` uses every step, so all of 1–9 are read.
 * Reserved-but-unacknowledged messages sit in the `unacked` hash. `global_keyprefix` prefixes every key.
 */
export const KOMBU_SEP = '\x06\x16';
export const KOMBU_PRIORITY_STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export const KOMBU_UNACKED_KEY = 'unacked';

/** The list keys of one Celery queue: the plain list first, then its priority sub-lists. */
export function celeryQueueKeys(name: string, prefix = ''): string[] {
  return [`${prefix}${name}`, ...KOMBU_PRIORITY_STEPS.map((step) => `${prefix}${name}${KOMBU_SEP}${step}`)];
}

/** The key a message of this priority goes to (kombu rounds down to the configured step). */
export function celeryPriorityKey(
  name: string,
  priority: number,
  prefix = '',
  steps: readonly number[] = [0, 3, 6, 9],
): string {
  const step =
    [...steps]
      .sort((a, b) => a - b)
      .filter((s) => s <= priority)
      .at(-1) ?? 0;
  return step === 0 ? `${prefix}${name}` : `${prefix}${name}${KOMBU_SEP}${step}`;
}
