/** The tool serves this bundle, so by default its API is `/api` on the origin the script came from. */
export function defaultApiBase(): string {
  return `${new URL(import.meta.url).origin}/api`;
}
