// The page a standalone launch shows when the patient has several active orders: one link per order.
import type { OrderOption } from './orders.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function choosePage(choice: string, orders: readonly OrderOption[]): string {
  const items = orders
    .map((o) => {
      const href = `/smart/choose?${new URLSearchParams({ choice, order: o.reference }).toString()}`;
      return `<li><a href="${escape(href)}">${escape(o.label)}</a> <small>${escape(o.reference)}</small></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Klivira: choose the order</title></head>
<body><h1>Which order is the prior authorization for?</h1>
<ul>
${items}
</ul></body></html>
`;
}
