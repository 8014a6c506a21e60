/**
 * A value taken from the environment is a secret where it lands in a credential position: a credential header or
 * field (`Authorization`, `password`, `token`), or a URL's password or secret query value (the whole URL when the
 * variable holds all of it). Those are remembered like any password, so every output masks them.
 */
import type { EnvUse } from './env.js';
import { isCredentialKey, rememberEnvSecret, urlCredentials } from '../util/redact.js';

export function rememberEnvSecrets(uses: readonly EnvUse[]): void {
  for (const use of uses) if (isCredentialPosition(use)) rememberEnvSecret(use.name, use.value);
}

export function isCredentialPosition(use: EnvUse): boolean {
  const key = use.path.at(-1);
  if (typeof key === 'string' && isCredentialKey(key)) return true;
  return urlCredentials(use.text).some((part) => part === use.value || use.value.includes(part));
}
