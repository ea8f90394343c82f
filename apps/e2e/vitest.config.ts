import { defineProject } from 'vitest/config';

// One long browser walk through the product: start-up, sign-in and page loads need more than unit-test time.
export default defineProject({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Pages re-query the BFF after each action; on a loaded CI machine that can take well over the 1 s default.
    expect: { poll: { timeout: 20_000 } },
  },
});
