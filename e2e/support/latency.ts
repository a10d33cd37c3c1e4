import type { TodoPage } from './todo-page.js';

declare global {
  interface Window {
    /** When the page's Add button was last clicked (ms, wall clock with sub-ms precision). */
    e2eClickedAt?: number;
    /** Resolves with the time a row with the awaited text appeared. */
    e2eRowSeen?: Promise<number>;
  }
}

/**
 * Milliseconds from the click on `writer`'s Add button to the row appearing in `reader`'s DOM, both read
 * from the browser's clocks (both pages live in one browser on one machine). A measurement, never asserted.
 */
export async function clickToOtherPage(writer: TodoPage, reader: TodoPage, text: string): Promise<number> {
  await reader.page.evaluate((awaited) => {
    const stamp = () => performance.timeOrigin + performance.now();
    window.e2eRowSeen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const texts = document.querySelectorAll('.todo .text');
        if (Array.from(texts).some((node) => node.textContent === awaited)) {
          observer.disconnect();
          resolve(stamp());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, text);
  await writer.page.evaluate(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Add')!;
    // Capture phase: stamped before React's handler starts the write.
    button.addEventListener(
      'click',
      () => {
        window.e2eClickedAt = performance.timeOrigin + performance.now();
      },
      { capture: true, once: true },
    );
  });
  await writer.add(text);
  const seenAt = await reader.page.evaluate(() => window.e2eRowSeen!);
  const clickedAt = await writer.page.evaluate(() => window.e2eClickedAt!);
  return seenAt - clickedAt;
}

/** `p50 x ms (min y, max z, n samples)` */
export function summarize(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  return `median ${at(0.5)} ms (min ${at(0)}, max ${at(1)}, ${samples.length} samples)`;
}
