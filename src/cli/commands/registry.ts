import type { CliCommand } from '../cli-command.js';
import { deliverCommand } from './deliver.js';
import { demoCommand } from './demo.js';
import { doctorCommand } from './doctor.js';
import { incidentsCommand } from './incidents.js';
import { scanCommand } from './scan.js';
import { serveCommand, workerCommand } from './serve.js';
import { setupCommand } from './setup.js';

/** Every `rootguard` subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  scanCommand,
  setupCommand,
  serveCommand,
  workerCommand,
  deliverCommand,
  doctorCommand,
  incidentsCommand,
  demoCommand,
];
