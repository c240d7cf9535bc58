// The farm tests start their own redis-server (Debian's, or AURA_REDIS_SERVER). None: on
// Debian/Ubuntu as root, apt-get installs `redis-server`; anywhere else one sentence says how to
// get one, and the exit code is 1.
import fs from 'node:fs';
import { aptInstall, canAptInstall } from './debian-install.mjs';

const binary = () => process.env.AURA_REDIS_SERVER ?? '/usr/bin/redis-server';
const found = () => fs.existsSync(binary());

if (!found() && !process.env.AURA_REDIS_SERVER && canAptInstall()) {
  console.error('No redis-server found; installing Debian’s redis-server package for the farm tests...');
  aptInstall('redis-server');
}
if (!found()) {
  console.error(
    `The farm tests need redis-server (${binary()} is missing): install it (Debian/Ubuntu: sudo apt-get install redis-server) or set AURA_REDIS_SERVER to a redis-server executable.`,
  );
  process.exit(1);
}
