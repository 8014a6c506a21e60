/** XML 1.0 text and attribute escaping; characters XML cannot carry at all (most C0 controls) are dropped. */
// eslint-disable-next-line no-control-regex
const NON_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const LONE_HIGH_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;
const LONE_LOW_SURROGATE = /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVALID = new RegExp(
  [NON_XML_CHAR, LONE_HIGH_SURROGATE, LONE_LOW_SURROGATE].map((re) => re.source).join('|'),
  'g',
);

export function xmlText(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values keep their line breaks as character references (a parser would normalise raw ones to spaces). */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
