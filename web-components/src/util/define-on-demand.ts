/**
 * Loads an element's module when the element first appears in the document (now or
 * later), so pages pay only for the elements they use. Elements already in the page
 * are upgraded by the browser once their definition arrives.
 */
export function defineOnDemand(loaders: Record<string, () => Promise<unknown>>): void {
  const waiting = new Map(Object.entries(loaders));
  const check = () => {
    for (const [tag, load] of waiting) {
      if (customElements.get(tag)) {
        waiting.delete(tag);
      } else if (document.getElementsByTagName(tag).length > 0) {
        waiting.delete(tag);
        void load();
      }
    }
    if (waiting.size === 0) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  check();
}
