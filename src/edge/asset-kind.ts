/** Which responses are static assets (long-lived, cacheable by anyone) and which are binary (not worth compressing). */

const STATIC_PATH =
  /(\.(css|js|mjs|map|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf|eot|wasm|mp4|webm|pdf)(\?|$))|\/static\//i;
const STATIC_TYPE =
  /^(image\/|font\/|video\/|audio\/|text\/css|(application|text)\/(x-)?javascript|application\/wasm)/i;
const BINARY_PATH = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|mp4|webm|zip|gz|br|pdf)(\?|$)/i;

/** A path (or URL) of a static file: by extension, or under /static/ (Django's STATIC_URL). */
export function isStaticPath(pathOrUrl: string): boolean {
  return STATIC_PATH.test(pathOf(pathOrUrl));
}

/** A static asset by its path, or by its Content-Type when the path says nothing. */
export function isStaticAsset(pathOrUrl: string, contentType: string | null): boolean {
  return isStaticPath(pathOrUrl) || (contentType !== null && STATIC_TYPE.test(contentType.trim()));
}

/** Already-compressed formats: compressing them again gains nothing. */
export function isBinaryPath(pathOrUrl: string): boolean {
  return BINARY_PATH.test(pathOf(pathOrUrl));
}

function pathOf(pathOrUrl: string): string {
  try {
    const u = new URL(pathOrUrl);
    return `${u.pathname}${u.search}`;
  } catch {
    return pathOrUrl;
  }
}
