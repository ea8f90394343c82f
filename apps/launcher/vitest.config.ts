import { defineProject } from 'vitest/config';

// The launcher is tested as `pnpm start` runs it, a child process: starting the embedded desk takes a while.
export default defineProject({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
  },
});
