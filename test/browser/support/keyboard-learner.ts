import type { Frame, Page } from 'playwright-core';

/** What the focused element is, through shadow roots (the player's controls live in them). */
export interface Focused {
  tag: string;
  type: string;
  id: string;
  value: string;
  name: string;
  text: string;
}

export async function focused(frame: Frame): Promise<Focused | null> {
  return frame.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const input = el as HTMLInputElement;
    return { tag: el.tagName.toLowerCase(), type: input.type ?? '', id: el.id, value: typeof input.value === 'string' ? input.value : '', name: input.name ?? '', text: (el.textContent ?? '').trim() };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user does;
 * fails if it never gets there (an unreachable control is an accessibility defect).
 */
export async function tabTo(page: Page, frame: Frame, matches: (f: Focused) => boolean, what: string, max = 40): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const f = await focused(frame);
    if (f && matches(f)) return f;
    seen.push(f ? `${f.tag}#${f.id}[${f.type}]${f.text.slice(0, 20)}` : 'none');
    await page.keyboard.press('Tab');
  }
  throw new Error(`${what}: not reachable with Tab (focus went ${seen.join(' → ')})`);
}

export const isButton = (name: string | RegExp) => (f: Focused) => f.tag === 'button' && (typeof name === 'string' ? f.text === name : name.test(f.text));

/** The answer a learner types: choices (1-based values) or field values by key. */
export type KeyboardAnswer = { kind: 'choices'; choices: number[]; multiple: boolean } | { kind: 'fields'; fields: Record<string, string>; selects: string[] };

/** Gives one answer with the keyboard alone, then "Je valide". */
export async function answerByKeyboard(page: Page, frame: Frame, answer: KeyboardAnswer, beforeValidating?: () => Promise<void>): Promise<void> {
  if (answer.kind === 'choices') {
    if (!answer.multiple) {
      // A radio group: Tab enters it, the arrow keys move and check.
      let f = await tabTo(page, frame, (x) => x.tag === 'input' && x.name === 'choice', 'the choices');
      const target = String(answer.choices[0]);
      if (f.value === target) await page.keyboard.press('Space');
      for (let i = 0; i < 12 && f.value !== target; i++) {
        await page.keyboard.press('ArrowDown');
        f = (await focused(frame))!;
      }
      if (f.value !== target) throw new Error(`choice ${target} not reached with the arrow keys`);
    } else {
      for (const value of answer.choices) {
        await tabTo(page, frame, (x) => x.tag === 'input' && x.name === 'choice' && x.value === String(value), `choice ${value}`);
        await page.keyboard.press('Space');
      }
    }
  } else {
    for (const [key, value] of Object.entries(answer.fields)) {
      await tabTo(page, frame, (x) => x.id === `field-${key}`, `field ${key}`);
      if (answer.selects.includes(key)) {
        let f = (await focused(frame))!;
        for (let i = 0; i < 40 && f.value !== value; i++) {
          await page.keyboard.press('ArrowDown');
          f = (await focused(frame))!;
        }
        if (f.value !== value) throw new Error(`option ${value} of ${key} not reached with the arrow keys`);
      } else {
        await page.keyboard.type(value);
      }
    }
  }
  await tabTo(page, frame, isButton('Je valide'), '"Je valide"');
  await beforeValidating?.();
  await page.keyboard.press('Enter');
}

/** "Je passe", by keyboard. */
export async function skipByKeyboard(page: Page, frame: Frame): Promise<void> {
  await tabTo(page, frame, isButton('Je passe'), '"Je passe"');
  await page.keyboard.press('Enter');
}

/** The question `<pix-challenge>` shows now (the test reads it to know the right answer; the learner reads the screen). */
export async function shownChallenge(frame: Frame): Promise<ShownChallenge | null> {
  return frame.evaluate(() => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const hit = root.querySelector('pix-challenge');
      if (hit) return hit;
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const el = find(document) as (Element & { challenge?: { id: string; type: string; response: { kind: string; parts?: Array<{ type: string; key?: string; input?: string }> } } }) | null;
    const c = el?.challenge;
    if (!c) return null;
    const selects = (c.response.parts ?? []).filter((p) => p.type === 'field' && p.input === 'select').map((p) => p.key!);
    return { id: c.id, type: c.type, selects };
  });
}

export interface ShownChallenge {
  id: string;
  type: string;
  selects: string[];
}

/** What the player shows: its buttons (visible, through shadow roots) and the question id, to tell screens apart. */
export async function screenOf(frame: Frame): Promise<{ buttons: string[]; challengeId?: string; key: string }> {
  return frame.evaluate(() => {
    const buttons: string[] = [];
    let challengeId: string | undefined;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.tagName === 'BUTTON' && (el as HTMLElement).offsetParent !== null) buttons.push((el.textContent ?? '').trim());
        if (el.tagName === 'PIX-CHALLENGE') challengeId = (el as Element & { challenge?: { id: string } }).challenge?.id;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { buttons, challengeId, key: `${challengeId ?? ''}|${buttons.join('|')}` };
  });
}

/** Waits until the screen differs from `before` (an answer sent, a checkpoint passed…). */
export async function nextScreen(frame: Frame, before: string, timeoutMs = 15_000): Promise<Awaited<ReturnType<typeof screenOf>>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await screenOf(frame);
    // A screen with no button is a loading state: wait for the next real one.
    if (s.key !== before && s.buttons.length > 0 && !s.buttons.some((b) => b.startsWith('Envoi'))) return s;
    if (Date.now() > end) throw new Error(`the screen did not change (still ${before})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * axe-core's WCAG 2.1 A/AA rules on a frame as it is now (shadow roots included). The source is
 * evaluated through the driver, so the tool page's CSP (nonce scripts only) stays as it is.
 */
export async function frameAxeViolations(frame: Frame): Promise<Array<{ id: string; help: string; targets: string[] }>> {
  const { createRequire } = await import('node:module');
  const fs = await import('node:fs');
  const source = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await frame.evaluate(`${source}\n;undefined`);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}
