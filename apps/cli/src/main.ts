import 'reflect-metadata';
import { runEntryPoint } from '#config';
import { benchCommand } from './commands/bench.command.js';
import { benchDashboardCommand } from './commands/bench-dashboard.command.js';
import { crossSellCommand } from './commands/cross-sell.command.js';
import { demoCommand } from './commands/demo.command.js';
import { directoryCommand } from './commands/directory.command.js';
import { eraseCommand } from './commands/erase.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { rebuildCommand } from './commands/rebuild.command.js';
import { redriveCommand } from './commands/redrive.command.js';
import { replayCommand } from './commands/replay.command.js';
import { simulateCommand } from './commands/simulate.command.js';
import { stackCommand } from './commands/stack.command.js';
import { apiCommand, startCommand, workerCommand } from './commands/start.command.js';

const USAGE = `usage: ladder <command>

  start                      run the API and the worker roles in one process
  api | worker               run only the API, or only the worker roles (LADDER_ROLES)
  migrate                    apply pending database migrations
  directory import <file>    replace the directory with a YAML or JSON file
  simulate [--customers N] [--days N] [--seed N] [--directory file]
                             produce realistic traffic into Kafka
  demo [--exit] [--port N]   the whole loop on the local stack, with a summary
  stack up|down|status       the local services, without Docker
  rebuild                    recompute every read model from the stored facts (safe while running)
  replay --from <time>       move the scoring group to re-read the input topics from a time
  redrive [--reason code] [--topic t] [--from time] [--to time] [--again] [--patch file.json] [--wait s]
                             send matching dead letters back, and report what became of each
  erase <customer-id> [--by ticket]
                             erase a customer's personal data everywhere (docs/privacy.md)
  cross-sell                 learn the cross-sell rules and make their offers now (docs/promoter-loop.md)
  bench [--events N] [--customers N] [--rates half,100] [--latency-seconds N] [--soak-minutes N]
        [--workers N] [--heap-mb N] [--profile] [--no-rebuild] [--json file]
                             the closed loop's throughput, latency and memory beside raw baselines
  bench-dashboard [--answers N] [--customers N] [--calls N]
                             the dashboard's endpoints on a year of a large chain (docs/performance.md)

Configuration comes from the environment (see README.md).
`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  start: startCommand,
  api: apiCommand,
  worker: workerCommand,
  migrate: migrateCommand,
  directory: directoryCommand,
  simulate: simulateCommand,
  demo: demoCommand,
  stack: stackCommand,
  rebuild: rebuildCommand,
  replay: replayCommand,
  redrive: redriveCommand,
  erase: eraseCommand,
  'cross-sell': crossSellCommand,
  bench: benchCommand,
  'bench-dashboard': benchDashboardCommand,
};

await runEntryPoint(async () => {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stdout.write(USAGE);
    if (name && name !== 'help' && name !== '--help') process.exitCode = 2;
    return;
  }
  await command(args);
});
