/** Debian's Chromium, as the contributing guide asks (CHROMIUM_PATH overrides). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Third-party cookies blocked, as in Safari and in Chrome's private mode: the components must not need them.
  '--test-third-party-cookie-phaseout',
];
