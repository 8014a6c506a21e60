/** Option helpers shared by the commands. */
import { Option } from 'commander';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds an option that may be given several times. */
export function repeatable(flags: string, description: string): Option {
  return new Option(flags, description).argParser(collect);
}
