/**
 * Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for tests that open the
 * HTML reports. Every request other than the report file itself is recorded and aborted, so a test can
 * assert the page fetched nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Gitignored folder for screenshots and rendered reports. */
export const TEST_OUTPUT = resolve(import.meta.dirname, '../../test-output');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
  page: Page;
  /** URLs the page tried to fetch beyond the report file itself. */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  file: string;
}

/** Writes the HTML into test-output/ and opens it from file://, as a user would. */
export async function openHtml(browser: Browser, name: string, html: string): Promise<OpenedPage> {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  const file = join(TEST_OUTPUT, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, offline: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => {
    if (req.url() !== url) requests.push(req.url());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors, file };
}
