/** Errors that carry their exit code (docs/architecture.md: 2 usage/config, 3 unreachable). */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage or config: exit 2. */
export class ConfigError extends ExitError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The target or a required source cannot be reached before load starts: exit 3. */
export class UnreachableError extends ExitError {
  constructor(message: string) {
    super(message, 3);
  }
}

export const EXIT = { ok: 0, gate: 1, usage: 2, unreachable: 3, interrupted: 130 } as const;
