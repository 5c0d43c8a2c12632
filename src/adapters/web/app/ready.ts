// The "ready" marker a page sets once its content is on screen and usable (browser tests and bench/web wait for
// it): a data attribute on <body> and a performance mark, measured from navigation start.
export function markReady(page: string): void {
  document.body.dataset.ready = page;
  performance.mark(`klivira:ready:${page}`);
}

export function clearReady(): void {
  delete document.body.dataset.ready;
}
