#!/usr/bin/env node
/** `aura`: the command-line entry. Each subcommand lives in its own file. */
const USAGE = `Usage:
  aura serve [--data-dir DIR] [--port N] [--no-open]   start the engine and the loopback server
       [--farm redis://HOST:PORT[/DB] --shared-dir DIR [--no-render]]   ... on a render farm
  aura worker --farm redis://HOST:PORT --shared-dir DIR [--name NAME] [--concurrency N]
                                                       render a farm's jobs (no HTTP server)
  aura render SPEC.json [--data-dir DIR]               render one spec with a progress bar`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return (await import('./serve-command.js')).runServe(rest);
    case 'worker':
      return (await import('./worker-command.js')).runWorker(rest);
    case 'render':
      return (await import('./render-command.js')).runRender(rest);
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
