import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain .mjs helper shared with `npm start` (no types)
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumWsEndpoint: string;
  }
}

/**
 * Once for the web-components tests: build the bundle if the sources changed (the
 * tests exercise what ships), and start one Chromium that every test file connects to.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  (ensureBuilt as (o: { quiet: boolean }) => boolean)({ quiet: true });
  const server: BrowserServer = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
