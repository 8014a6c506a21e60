import { describe, expect, it } from 'vitest';
import { isBinaryPath, isStaticAsset, isStaticPath } from '../../../src/edge/asset-kind.js';

describe('isStaticAsset', () => {
  it('goes by extension, the /static/ folder or the media type', () => {
    expect(isStaticAsset('https://x.test/static/app.js?v=3', null)).toBe(true);
    expect(isStaticAsset('https://x.test/logo', 'image/png')).toBe(true);
    expect(isStaticAsset('https://x.test/products/', 'text/html')).toBe(false);
    expect(isStaticPath('/static/admin/')).toBe(true);
    expect(isStaticPath('/app.wasm')).toBe(true);
    expect(isStaticPath('/api/products?format=css')).toBe(false);
  });
});

describe('isBinaryPath', () => {
  it('names formats that are compressed already', () => {
    expect(isBinaryPath('/media/photo.jpg?w=200')).toBe(true);
    expect(isBinaryPath('https://x.test/archive.zip')).toBe(true);
    expect(isBinaryPath('/static/app.css')).toBe(false);
  });
});
