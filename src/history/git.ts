/** The commit and branch a run was made from: GitHub Actions' variables, else the git checkout, else unknown. */
import { execFileSync } from 'node:child_process';

export interface GitIdentity {
  commit: string | null;
  branch: string | null;
}

function git(args: string[], cwd: string): string | null {
  try {
    const out = execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 });
    return out.toString().trim() || null;
  } catch {
    return null;
  }
}

export function gitIdentity(cwd: string, env: NodeJS.ProcessEnv = process.env): GitIdentity {
  const commit = env.GITHUB_SHA || git(['rev-parse', 'HEAD'], cwd);
  const branch = env.GITHUB_REF_NAME || git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  return { commit, branch: branch === 'HEAD' ? null : branch };
}

/** The full commit a ref (branch, tag, sha, HEAD~1) names in the checkout at `cwd`, or null. */
export function resolveGitRef(ref: string, cwd: string): string | null {
  if (ref.startsWith('-')) return null;
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
}
