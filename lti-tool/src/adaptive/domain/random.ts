/**
 * Seeded randomness for the engines. The engines never call Math.random: every draw comes
 * from a generator the caller seeds (an assessment id in production, a simulation seed in
 * the benchmarks), so a test replays exactly and a resumed assessment picks what it would
 * have picked.
 *
 * sfc32 (Chris Doty-Humphrey's "small fast counter", public domain) passes PractRand to
 * several terabytes, needs four 32-bit words of state and runs in a handful of integer
 * operations — fast enough for the simulations' millions of draws.
 */

/** A uniform draw in [0, 1). */
export type Random = () => number;

/** 32-bit hash of a string (FNV-1a, then a murmur3 finaliser to spread nearby keys). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator seeded by a number or a string (e.g. `${assessmentId}:${answerCount}`). */
export function seededRandom(seed: number | string): Random {
  const s = typeof seed === 'number' ? fmix32(seed ^ 0x9e3779b9) : hashString(seed);
  let a = s;
  let b = fmix32(s + 0x6a09e667);
  let c = fmix32(s + 0xbb67ae85);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first draws: the state starts correlated with the seed.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A standard normal draw (Box–Muller; the second value is dropped to keep the stream simple). */
export function normalDraw(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
