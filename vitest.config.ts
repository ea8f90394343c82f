import { defineConfig } from 'vitest/config';

// One runner for the workspace: each app and package is a Vitest project with its own config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
