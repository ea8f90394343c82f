import { configOrExit, exitOnFailure, serve } from './serve';

/**
 * Starts the BFF on its own: validated config, listen, graceful close. With no upstream configured it talks
 * to the sandbox at its documented addresses, started separately; `pnpm start` runs the embedded default
 * (sandbox, BFF and demo users in one process) from apps/launcher instead.
 */
serve(configOrExit()).catch(exitOnFailure);
