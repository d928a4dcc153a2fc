import { untrack } from 'svelte';
import { isAbort } from './errors';

/**
 * The state of one piece of data a page loads from the API: `loading`, `data` and `error`, with `retry()`.
 * A new `load` aborts the previous one, so a slow old answer can never overwrite a newer one.
 */
export class Resource<T> {
  data = $state<T | undefined>(undefined);
  error = $state<unknown>(undefined);
  loading = $state(false);

  #controller: AbortController | null = null;
  #loader: ((signal: AbortSignal) => Promise<T>) | null = null;

  /** Starts loading; returns a function that aborts it (handy as an `$effect` cleanup). */
  load(loader: (signal: AbortSignal) => Promise<T>, options: { keepData?: boolean } = {}): () => void {
    return untrack(() => {
      this.#loader = loader;
      this.#controller?.abort();
      const controller = new AbortController();
      this.#controller = controller;
      this.loading = true;
      this.error = undefined;
      if (!options.keepData) this.data = undefined;

      loader(controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          this.data = data;
          this.loading = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          this.error = error;
          this.loading = false;
        },
      );
      return () => controller.abort();
    });
  }

  retry(): void {
    if (this.#loader) this.load(this.#loader, { keepData: true });
  }

  /** Back to the empty state (after signing out, say), aborting a load under way. */
  reset(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#loader = null;
    this.data = undefined;
    this.error = undefined;
    this.loading = false;
  }

  /** Replaces the data without loading (after a save, say). */
  set(data: T): void {
    this.#controller?.abort();
    this.data = data;
    this.error = undefined;
    this.loading = false;
  }
}
