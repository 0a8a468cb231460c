// Building OData URLs safely: string literals with doubled single quotes, and every query value
// percent-encoded (the Graph client passes query strings through as they are, and splits on `&`,
// so an `&` or `#` in an address would otherwise break the URL; a `+` would become a space).

/** An OData string literal: `o'brien@x` → `'o''brien@x'`. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `path?k=v&…` with each value percent-encoded; undefined values are left out. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** A filter matching a proxy address with either prefix (case handling of Graph is UNVERIFIED). */
export function proxyAddressFilter(address: string): string {
  return `proxyAddresses/any(p:p eq ${quote(`SMTP:${address}`)}) or proxyAddresses/any(p:p eq ${quote(`smtp:${address}`)})`;
}
