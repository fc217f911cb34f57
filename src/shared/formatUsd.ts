// One money format for the tree, the status bar and the panel. Amounts under a cent keep two
// significant digits, so a real but tiny cost ($0.000014) never reads as free ($0.0000).

export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 1e-8) return '<$0.00000001';
  const decimals = Math.min(8, 1 - Math.floor(Math.log10(usd)));
  return `$${usd.toFixed(decimals)}`;
}

/** A limit or threshold a person typed: "$0.50", not "$0.5000"; odd amounts keep formatUsd's precision. */
export function formatUsdLimit(usd: number): string {
  const cents = usd * 100;
  return usd >= 0.01 && Math.abs(cents - Math.round(cents)) < 1e-9 ? `$${usd.toFixed(2)}` : formatUsd(usd);
}
