import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Focus mode: tells when the learner leaves the page (another tab, window or
 * application) while a focused challenge is being answered. Focus moving into the
 * challenge's own simulator iframe is not leaving.
 */
export class FocusWatchController implements ReactiveController {
  private onLost: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  watch(onLost: () => void): void {
    this.unwatch();
    this.onLost = onLost;
    document.addEventListener('visibilitychange', this.visibility);
    window.addEventListener('blur', this.blur);
  }

  unwatch(): void {
    this.onLost = undefined;
    document.removeEventListener('visibilitychange', this.visibility);
    window.removeEventListener('blur', this.blur);
  }

  hostDisconnected(): void {
    this.unwatch();
  }

  private readonly visibility = () => {
    if (document.visibilityState === 'hidden') this.lost();
  };

  private readonly blur = () => {
    // Let the focus settle: an iframe of ours taking focus also blurs the window.
    setTimeout(() => {
      if (!document.hasFocus() && deepActiveElement()?.tagName !== 'IFRAME') this.lost();
    }, 0);
  };

  private lost(): void {
    const callback = this.onLost;
    this.unwatch();
    callback?.();
  }
}

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
