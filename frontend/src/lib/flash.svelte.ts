/**
 * One-shot success messages ("… is toegevoegd.") that survive exactly one navigation: a page sets one right
 * before `goto`, the layout shows it in its live region on the page it lands on and drops it on the next one.
 */
let pending: string | null = null;
let shown = $state<string | null>(null);

export const flash = {
  /** Queues a message for the page that the next navigation lands on. */
  set(message: string): void {
    pending = message;
  },
  /** Called by the layout after every navigation. */
  navigated(): void {
    shown = pending;
    pending = null;
  },
  dismiss(): void {
    shown = null;
  },
  get message(): string | null {
    return shown;
  },
};
