// Installing a missing Debian package, where we may: Linux, root, a Debian or Ubuntu system.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

/** Whether `apt-get install` can run here without asking anyone. */
export function canAptInstall() {
  return (
    process.platform === 'linux' &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    fs.existsSync('/etc/debian_version')
  );
}

/** Installs Debian packages; apt's chatter goes to stderr so stdout stays clean for callers. */
export function aptInstall(...packages) {
  execSync(`apt-get update && apt-get install -y ${packages.join(' ')}`, { stdio: ['ignore', 2, 2] });
}
