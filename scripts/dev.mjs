#!/usr/bin/env node
// `pnpm dev`: the launcher with reload and Vite's dev server, side by side. Each runs straight on this terminal
// (pnpm --parallel would pipe them, so the desk would log JSON instead of readable lines). Vite does not
// clear the screen, so the desk's banner stays, and gets no stdin, so only the launcher reads the keyboard.
import { spawn } from 'node:child_process';

const children = [
  spawn('pnpm', ['--silent', '--filter', '@review-desk/launcher', 'dev'], { stdio: 'inherit' }),
  spawn('pnpm', ['--silent', '--filter', '@review-desk/web', 'dev', '--clearScreen', 'false'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  }),
];

let exitCode = 0;
let stopping = false;
const stopAll = (signal) => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
for (const child of children) {
  child.on('exit', (code) => {
    // One of the two stopping on its own (a crash, a port in use) stops the other: half a dev stack misleads.
    if (!stopping) {
      exitCode = code ?? 1;
      stopAll('SIGTERM');
    }
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
}
