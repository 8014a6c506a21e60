/**
 * The self-contained page shell. The Content-Security-Policy forbids every fetch and every script, so the
 * file works offline and stays inert even if some string escaped the escaping.
 */
import { html, raw } from './escape.js';
import type { RawHtml } from './escape.js';
import { REPORT_CSS } from './style.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function htmlPage(title: string, body: RawHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.html;
}
