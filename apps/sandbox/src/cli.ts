// The sandbox on its own:
//   tsx src/cli.ts start                                          both servers, settings from SANDBOX_* variables
//   tsx src/cli.ts scenarios [--tag x]... [--seed n] [--size n] [--json]   the scenario index

import { parseArgs } from 'node:util';
import { optionsFromEnv } from './config';
import { startSandbox } from './index';
import { generatePopulation } from './population/index';
import { type ScenarioEntry, scenarioIndex, withTags } from './scenarios';

const usage = `Usage:
  tsx src/cli.ts start
  tsx src/cli.ts scenarios [--tag <tag>]... [--seed <n>] [--size <n>] [--json]`;

async function start(): Promise<void> {
  const options = optionsFromEnv();
  const sandbox = await startSandbox(options, { capa: { logger: { level: 'info' } } });
  const { capaUrl, connectfiUrl } = sandbox;
  console.log(`Capa partner API v2   ${capaUrl}
  partner-api-key      ${options.capaPartnerApiKey}
  webhook secret       ${options.capaWebhookSecret}   (capa-signature HMAC key)
connectFi Akepa        ${connectfiUrl}
  login / password     ${options.connectfiLogin} / ${options.connectfiPassword}
Population             seed ${options.seed}, ${sandbox.population.capa.length} Capa users, ${sandbox.population.connectfi.length} connectFi customers
Control API            ${options.controlApi ? `on (${capaUrl}/_sandbox/..., ${connectfiUrl}/_sandbox/...)` : 'off (SANDBOX_CONTROL_API=1 turns it on)'}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: closing`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function table(entries: readonly ScenarioEntry[]): string {
  const lines = [`${cell('provider', 10)}${cell('id', 40)}${cell('name', 34)}${cell('status', 24)}tags`];
  for (const e of entries) {
    lines.push(
      `${cell(e.provider, 10)}${cell(e.id, 40)}${cell(e.name, 34)}${cell(e.status, 24)}${e.tags.join(' ')}`,
    );
  }
  lines.push(`${entries.length} subjects`);
  return lines.join('\n');
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function scenarios(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      tag: { type: 'string', multiple: true },
      seed: { type: 'string' },
      size: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const defaults = optionsFromEnv();
  const population = generatePopulation({
    seed: integer(values.seed, 'seed', defaults.seed),
    size: integer(values.size, 'size', defaults.size),
    epoch: defaults.populationEpoch,
  });
  const entries = withTags(scenarioIndex(population), values.tag ?? []);
  console.log(values.json ? JSON.stringify(entries, null, 2) : table(entries));
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'start') await start();
  else if (command === 'scenarios') scenarios(rest);
  else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
