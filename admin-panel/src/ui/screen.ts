import { AdminElement } from './admin-element.js';
import { base, forms, tokens } from './theme.js';

/**
 * A screen of the panel: its heading takes focus when it opens, so keyboard and screen
 * reader users land on the new content after a navigation.
 */
export class AdminScreen extends AdminElement {
  static override styles = [tokens, base, forms];

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
